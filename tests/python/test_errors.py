"""Errors raised by the binding: one hierarchy rooted at posture.Error, carrying the C ABI's code
and every diagnostic with its location."""
import unittest

import posture
from posture import _errors
from support import AT, DANGER, POLICY, SAFE

SYNTAX_ERROR = ('{"format": "posture-policy/1",\n'
                ' "judgment_policies": [\n'
                '   {"name": "Baseline" "antivirus": {}}]}\n')

THREE_UNKNOWN_KEYS = ('{"format": "posture-policy/1",\n'
                      ' "judgment_policies": [{\n'
                      '   "name": "One",\n'
                      '   "antivirus": {"prodcts": []},\n'
                      '   "colour": "blue",\n'
                      '   "prohibited_software": {"entires": []}\n'
                      ' }]}\n')


class Errors(unittest.TestCase):
    def test_parse_error_has_a_location(self):
        with self.assertRaises(posture.ParseError) as caught:
            posture.Engine(SYNTAX_ERROR)
        e = caught.exception
        self.assertIsInstance(e, posture.Error)
        self.assertEqual(e.code, _errors.EPARSE)
        self.assertEqual((e.file, e.line, e.column), ("<memory>", 3, 24))
        self.assertEqual(e.offset, SYNTAX_ERROR.index('"antivirus"'))
        self.assertIn("<memory>:3:24:", str(e))

    def test_validation_error_lists_every_problem(self):
        with self.assertRaises(posture.ValidationError) as caught:
            posture.Engine(THREE_UNKNOWN_KEYS)
        e = caught.exception
        self.assertEqual(e.code, _errors.ECHECK)
        self.assertEqual([d.line for d in e.diagnostics], [4, 5, 6])
        for d, key in zip(e.diagnostics, ("prodcts", "colour", "entires")):
            self.assertIn(key, d.message)
            self.assertGreater(d.column, 0)
        self.assertEqual(str(e).count("\n"), 2)  # one line per diagnostic

    def test_bad_snapshot(self):
        with posture.Engine(POLICY) as engine:
            with self.assertRaises(posture.ParseError) as caught:
                engine.judge('{"asset": "PC-1",\n "host": }', at=AT)
            self.assertEqual((caught.exception.line, caught.exception.column), (2, 10))
            with self.assertRaises(posture.ParseError):
                engine.judge(b'{"asset": "PC-\xc3\x28"}', at=AT)  # not UTF-8
            with self.assertRaises(posture.InvalidArgumentError):
                engine.judge({"asset": "PC-\ud800"}, at=AT)  # a lone surrogate
            with self.assertRaises(ValueError):  # InvalidArgumentError is a ValueError
                engine.judge(42, at=AT)
            self.assertEqual(engine.judge(SAFE, at=AT).level, "safe")  # still usable

    def test_unreadable_file(self):
        with self.assertRaises(posture.FileError) as caught:
            posture.Engine("no/such/policy.json")
        self.assertIsInstance(caught.exception, OSError)
        self.assertEqual(caught.exception.code, _errors.EIO)
        self.assertIn("no/such/policy.json", str(caught.exception))

    def test_bad_action_policy_is_found_when_actions_are_used(self):
        doc = ('{"format": "posture-policy/1",\n'
               ' "judgment_policies": [{"name": "Baseline"}],\n'
               ' "action_policies": [{"name": "Q", "levels": {\n'
               '   "danger": {"notify_user": {"title": "%nosuch%", "text": "x"}}}}]}')
        with posture.Engine(doc) as engine:
            self.assertEqual(engine.judge(SAFE, at=AT).asset, "PC-000124")  # judging still works
            with self.assertRaises(posture.ParseError) as caught:
                engine.select_actions([])
            self.assertEqual((caught.exception.file, caught.exception.line), ("<memory>", 4))
            self.assertIn("nosuch", str(caught.exception))
            with self.assertRaises(posture.ParseError):
                engine.action_policy_names
        unknown = dict(POLICY, defaults={"action_policy": "Missing"})
        with posture.Engine(unknown) as engine:
            with self.assertRaises(posture.ValidationError) as caught:
                engine.select_actions([])
            self.assertIn("Missing", str(caught.exception))

    def test_select_actions_misuse(self):
        with posture.Engine(POLICY) as engine:
            j = engine.judge(DANGER, at=AT)
            with self.assertRaises(posture.NotFoundError):
                engine.select_actions(j, policy="No such policy")
            with self.assertRaises(posture.InvalidArgumentError):
                engine.select_actions(j, policy="Initial")
            with self.assertRaises(posture.InvalidArgumentError):
                engine.select_actions(j, mail_from="a@b\r\nBcc: x@y")
            with self.assertRaises(posture.InvalidArgumentError):
                engine.select_actions(j, policy="\ud800")  # a lone surrogate
            with self.assertRaises(posture.InvalidArgumentError):
                engine.select_actions(j, policy=5)
            with self.assertRaises(posture.InvalidArgumentError):
                engine.select_actions(j, states={"format": "posture-client-states/1"})
            with self.assertRaises(posture.ParseError) as caught:
                engine.select_actions([j, '{"asset": '])
            self.assertEqual(caught.exception.line, 2)
            with self.assertRaises(posture.ParseError):
                engine.select_actions([b'{"asset": "PC-\xc3\x28"}'])  # not UTF-8
            plan, _ = engine.select_actions(j)  # still usable
            self.assertEqual(plan.actions[0].kind, "notify_user")
        with self.assertRaises(posture.InvalidArgumentError):
            engine.select_actions(j)  # closed

    def test_client_states_misuse(self):
        with self.assertRaises(posture.ParseError) as caught:
            posture.ClientStates('{"format": "posture-client-states/1",\n "clients": [}')
        self.assertEqual(caught.exception.line, 2)
        with self.assertRaises(posture.ValidationError):
            posture.ClientStates({"format": "posture-client-states/1",
                                  "clients": [{"asset": "A"}, {"asset": "A"}]})
        with self.assertRaises(posture.ParseError):
            posture.ClientStates(b'{"format": "posture-client-states/1", '
                                 b'"clients": [{"asset": "\xff"}]}')
        states = posture.ClientStates({"format": "posture-client-states/1",
                                       "clients": [{"asset": "PC-1"}]})
        with self.assertRaises(posture.InvalidArgumentError):
            states.apply("reboot", asset="PC-1")
        with self.assertRaises(posture.InvalidArgumentError):
            states.apply("judged", asset="PC-1", control="maybe")
        with self.assertRaises(posture.InvalidArgumentError):
            states.apply("admin_deny")  # names no client
        with self.assertRaises(posture.NotFoundError):
            states.apply("admin_deny", asset="PC-2")
        with self.assertRaises(posture.ParseError):
            states.observe('{"asset": 5}')
        self.assertEqual(len(states), 1)  # nothing changed by the failures
        self.assertEqual(states["PC-1"].quarantine, "unregistered")
        with self.assertRaises(posture.NotFoundError):
            states["PC-2"]
        states.close()
        states.close()  # idempotent
        with self.assertRaises(posture.InvalidArgumentError):
            states.to_json()

    def test_hierarchy(self):
        expected = {
            _errors.EINVALID: (posture.InvalidArgumentError, ValueError),
            _errors.EPARSE: (posture.ParseError,),
            _errors.ECHECK: (posture.ValidationError,),
            _errors.ENOTFOUND: (posture.NotFoundError, KeyError),
            _errors.ENOMEM: (posture.OutOfMemoryError, MemoryError),
            _errors.ELIMIT: (posture.LimitExceededError,),
            _errors.EVERSION: (posture.VersionError,),
            _errors.EINTERNAL: (posture.InternalError,),
            _errors.EIO: (posture.FileError, OSError),
            _errors.ERROR: (posture.Error,),
        }
        for code, classes in expected.items():
            with self.subTest(code=code):
                e = _errors.error_for(code, "message")
                self.assertIsInstance(e, posture.Error)
                for cls in classes:
                    self.assertIsInstance(e, cls)
                self.assertEqual(e.code, code)
                self.assertEqual(str(e), "message")
        # Raised directly by the binding, a class still carries its own code.
        self.assertEqual(posture.InvalidArgumentError("x").code, _errors.EINVALID)
        self.assertEqual(str(posture.NotFoundError("no such policy")), "no such policy")


if __name__ == "__main__":
    unittest.main()
