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


class _Engine(C.Structure):
    """posture_engine (opaque)."""


class _Judgment(C.Structure):
    """posture_judgment (opaque)."""


class _Batch(C.Structure):
    """posture_batch (opaque)."""


EngineP = C.POINTER(_Engine)
JudgmentP = C.POINTER(_Judgment)
BatchP = C.POINTER(_Batch)

ENGINE_OPTIONS_VERSION = 1
BATCH_OPTIONS_VERSION = 1

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
]
