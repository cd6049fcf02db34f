"""Loading the C library: where it is looked for, what a failure says, and the version check.
Each case runs in a fresh interpreter, since a process loads the library once."""
import ctypes.util
import os
import subprocess
import sys
import unittest

import posture
from posture import _lib


def run(code, **env_changes):
    env = dict(os.environ)
    for k, v in env_changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)


class Loading(unittest.TestCase):
    def test_not_found_lists_every_candidate(self):
        missing = os.path.join(os.sep, "nonexistent", "libposture_c.so.0")
        r = run("import posture\n"
                "try:\n"
                "    posture.library_version()\n"
                "except posture.LibraryNotFoundError as e:\n"
                "    assert isinstance(e, posture.Error) and isinstance(e, OSError)\n"
                "    print(e)\n"
                "else:\n"
                "    print('LOADED')\n",
                POSTURE_LIBRARY_PATH=missing)
        self.assertEqual(r.returncode, 0, r.stderr)
        if "LOADED" in r.stdout:
            self.skipTest("a posture library is installed on the system search path")
        self.assertIn(missing, r.stdout)
        package_lib = os.path.join(os.path.dirname(posture.__file__), "lib")
        self.assertIn(package_lib, r.stdout)
        self.assertIn("POSTURE_LIBRARY_PATH", r.stdout)
        self.assertLess(r.stdout.index(missing), r.stdout.index(package_lib))

    def test_set_library_path_comes_first(self):
        real = os.environ["POSTURE_LIBRARY_PATH"]
        r = run("import posture\n"
                f"posture.set_library_path({real!r})\n"
                "print(posture.library_version())\n"
                "try:\n"
                "    posture.set_library_path('elsewhere')\n"
                "except RuntimeError:\n"
                "    print('refused')\n",
                POSTURE_LIBRARY_PATH=os.path.join(os.sep, "nonexistent", "libposture_c.so"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split(), [posture.__version__, "refused"])

    def test_a_library_that_is_not_posture(self):
        libc = ctypes.util.find_library("c")
        if libc is None:
            self.skipTest("no C library found to stand in")
        r = run("import posture\n"
                "try:\n"
                "    posture.library_version()\n"
                "except posture.VersionError as e:\n"
                "    print(e)\n",
                POSTURE_LIBRARY_PATH=libc)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("lacks posture_", r.stdout)

    def test_version_check(self):
        major, minor, patch = _lib.MIN_VERSION
        number = major * 10000 + minor * 100 + patch
        _lib.check_version(number, "lib")
        _lib.check_version(number + 99, "lib")
        newer = _lib.ABI_MAJOR + 1
        with self.assertRaisesRegex(posture.VersionError, f"lib is posture {newer}.0.0"):
            _lib.check_version(newer * 10000, "lib")
        if number > 0:
            with self.assertRaises(posture.VersionError):
                _lib.check_version(number - 1, "lib")


if __name__ == "__main__":
    unittest.main()
