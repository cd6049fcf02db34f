"""The one declaration table of the C ABI (capi/include/posture/posture.h).

Every C function the package calls is declared here as (name, argtypes, restype, checked):
`checked` functions return an int status that `_lib` turns into an exception. Handles are
pointers to distinct opaque structures, so that ctypes rejects an engine passed where a judgment
is expected, as a C compiler would.
"""
import ctypes as C


class Error(C.Structure):
    _fields_ = [
        ("code", C.c_int),
        ("message", C.c_char_p),
        ("file", C.c_char_p),
        ("line", C.c_uint32),
        ("column", C.c_uint32),
        ("offset", C.c_size_t),
    ]


class Document(C.Structure):
    _fields_ = [("data", C.c_char_p), ("len", C.c_size_t), ("name", C.c_char_p)]


class EngineOptions(C.Structure):
    _fields_ = [("version", C.c_uint), ("require_agent_version", C.c_int)]


class BatchOptions(C.Structure):
    _fields_ = [("version", C.c_uint), ("want_json", C.c_int)]


class Verdict(C.Structure):
    _fields_ = [
        ("level", C.c_int32),
        ("status", C.c_int32),
        ("points", C.c_int32),
        ("error", C.c_int32),
        ("line", C.c_uint64),
    ]


class ActionOptions(C.Structure):
    _fields_ = [
        ("version", C.c_uint),
        ("policy", C.c_char_p),
        ("command_folder", C.c_char_p),
        ("mail_from", C.c_char_p),
    ]


class NetworkOrder(C.Structure):
    _fields_ = [
        ("version", C.c_uint),
        ("event", C.c_int),
        ("control", C.c_int),
        ("auto_refuse", C.c_int),
        ("asset", C.c_char_p),
        ("mac", C.c_char_p),
        ("ip", C.c_char_p),
        ("host", C.c_char_p),
    ]


class _Engine(C.Structure):
    """posture_engine (opaque)."""


class _Judgment(C.Structure):
    """posture_judgment (opaque)."""


class _Batch(C.Structure):
    """posture_batch (opaque)."""


class _ActionPolicies(C.Structure):
    """posture_action_policies (opaque)."""


class _ClientStates(C.Structure):
    """posture_client_states (opaque)."""


class _ActionPlan(C.Structure):
    """posture_action_plan (opaque)."""


class _NetworkChanges(C.Structure):
    """posture_network_changes (opaque)."""


EngineP = C.POINTER(_Engine)
JudgmentP = C.POINTER(_Judgment)
BatchP = C.POINTER(_Batch)

ENGINE_OPTIONS_VERSION = 1
BATCH_OPTIONS_VERSION = 1
ACTION_OPTIONS_VERSION = 1
NETWORK_ORDER_VERSION = 1

ActionPoliciesP = C.POINTER(_ActionPolicies)
ClientStatesP = C.POINTER(_ClientStates)
ActionPlanP = C.POINTER(_ActionPlan)
NetworkChangesP = C.POINTER(_NetworkChanges)

JSON_COMPACT = 0
JSON_PRETTY = 1

# POSTURE_NETWORK_EVENT_* by the names the quarantine state machine gives them (docs/actions.md §4).
NETWORK_EVENTS = {
    "judged": 0, "admin_permit": 1, "admin_deny": 2, "emergency_deny": 3,
    "register_permitted": 4, "remove": 5, "set_exempt": 6, "clear_exempt": 7,
}
NETWORK_CONTROLS = {"permit": 0, "deny": 1}

_sz = C.c_size_t
_szp = C.POINTER(C.c_size_t)
_cs = C.c_char_p
_i64 = C.c_int64

# (name, argtypes, restype, checked)
FUNCTIONS = [
    ("posture_version_number", [], C.c_int, False),
    ("posture_version_string", [], _cs, False),
    ("posture_build_info", [], _cs, False),
    ("posture_error_last", [], C.POINTER(Error), False),
    ("posture_error_diagnostic_count", [], _sz, False),
    ("posture_error_diagnostic", [_sz], C.POINTER(Error), False),
    ("posture_error_code_str", [C.c_int], _cs, False),
    ("posture_level_name", [C.c_int], _cs, False),
    ("posture_status_name", [C.c_int], _cs, False),
    ("posture_engine_options_init", [C.POINTER(EngineOptions), C.c_uint], C.c_int, True),
    ("posture_engine_new", [C.POINTER(EngineP), C.POINTER(Document), _sz, C.POINTER(Document),
                            C.POINTER(EngineOptions)], C.c_int, True),
    ("posture_engine_free", [EngineP], None, False),
    ("posture_engine_policy_count", [EngineP], _sz, False),
    ("posture_engine_policy_name", [EngineP, _sz], _cs, False),
    ("posture_engine_judge_json", [C.POINTER(JudgmentP), EngineP, _cs, _sz, _i64], C.c_int, True),
    ("posture_judgment_free", [JudgmentP], None, False),
    # c_void_p, not c_char_p: the text is read with its length (string_at), not up to a NUL.
    ("posture_judgment_json", [JudgmentP, _szp], C.c_void_p, False),
    ("posture_batch_options_init", [C.POINTER(BatchOptions), C.c_uint], C.c_int, True),
    ("posture_engine_judge_batch", [C.POINTER(BatchP), _szp, EngineP, _cs, _sz, _i64,
                                    C.POINTER(Verdict), _sz, C.POINTER(BatchOptions)],
     C.c_int, True),
    ("posture_batch_json", [BatchP, _szp], C.c_void_p, False),
    ("posture_batch_error_count", [BatchP], _sz, False),
    ("posture_batch_error", [BatchP, _sz], C.POINTER(Error), False),
    ("posture_batch_free", [BatchP], None, False),
    # Actions: bulk data crosses as JSON (judgments in; plan, states and changes out).
    ("posture_action_policies_new", [C.POINTER(ActionPoliciesP), EngineP], C.c_int, True),
    ("posture_action_policies_free", [ActionPoliciesP], None, False),
    ("posture_action_policies_count", [ActionPoliciesP], _sz, False),
    ("posture_action_policies_name", [ActionPoliciesP, _sz], _cs, False),
    ("posture_action_options_init", [C.POINTER(ActionOptions), C.c_uint], C.c_int, True),
    ("posture_action_select_json", [C.POINTER(ActionPlanP), ActionPoliciesP, _cs, _sz,
                                    ClientStatesP, C.POINTER(ActionOptions)], C.c_int, True),
    ("posture_action_plan_free", [ActionPlanP], None, False),
    ("posture_action_plan_json", [ActionPlanP, C.c_int, _szp], C.c_void_p, False),
    ("posture_action_plan_states", [C.POINTER(ClientStatesP), ActionPlanP], C.c_int, True),
    ("posture_client_states_new", [C.POINTER(ClientStatesP)], C.c_int, True),
    ("posture_client_states_from_json", [C.POINTER(ClientStatesP), _cs, _sz], C.c_int, True),
    ("posture_client_states_free", [ClientStatesP], None, False),
    ("posture_client_states_count", [ClientStatesP], _sz, False),
    ("posture_client_states_observe_json", [ClientStatesP, _cs, _sz], C.c_int, True),
    ("posture_client_states_json", [ClientStatesP, C.c_int, _szp], C.c_void_p, False),
    ("posture_network_order_init", [C.POINTER(NetworkOrder), C.c_uint], C.c_int, True),
    ("posture_client_states_apply", [C.POINTER(NetworkChangesP), ClientStatesP,
                                     C.POINTER(NetworkOrder)], C.c_int, True),
    ("posture_network_changes_free", [NetworkChangesP], None, False),
    ("posture_network_changes_json", [NetworkChangesP, C.c_int, _szp], C.c_void_p, False),
]
