"""The one declaration table of the C ABI (capi/include/posture/posture.h).

Every C function the package calls is declared here as (name, argtypes, restype, checked):
`checked` functions return an int status that is turned into an exception by `_check`.
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


ENGINE_OPTIONS_VERSION = 1
BATCH_OPTIONS_VERSION = 1

vp = C.c_void_p
pp = C.POINTER(C.c_void_p)
sz = C.c_size_t
szp = C.POINTER(C.c_size_t)
cs = C.c_char_p
i64 = C.c_int64

# (name, argtypes, restype, checked)
FUNCTIONS = [
    ("posture_version_number", [], C.c_int, False),
    ("posture_version_string", [], cs, False),
    ("posture_build_info", [], cs, False),
    ("posture_error_last", [], C.POINTER(Error), False),
    ("posture_error_diagnostic_count", [], sz, False),
    ("posture_error_diagnostic", [sz], C.POINTER(Error), False),
    ("posture_error_clear", [], None, False),
    ("posture_error_code_str", [C.c_int], cs, False),
    ("posture_level_name", [C.c_int], cs, False),
    ("posture_status_name", [C.c_int], cs, False),
    ("posture_category_name", [C.c_int], cs, False),
    ("posture_engine_options_init", [C.POINTER(EngineOptions), C.c_uint], C.c_int, True),
    ("posture_engine_new", [pp, C.POINTER(Document), sz, C.POINTER(Document),
                            C.POINTER(EngineOptions)], C.c_int, True),
    ("posture_engine_free", [vp], None, False),
    ("posture_engine_policy_count", [vp], sz, False),
    ("posture_engine_policy_name", [vp, sz], cs, False),
    ("posture_engine_judge_json", [pp, vp, cs, sz, i64], C.c_int, True),
    ("posture_judgment_free", [vp], None, False),
    ("posture_judgment_json", [vp, szp], C.c_void_p, False),
    ("posture_batch_options_init", [C.POINTER(BatchOptions), C.c_uint], C.c_int, True),
    ("posture_engine_judge_batch", [pp, szp, vp, cs, sz, i64, C.POINTER(Verdict), sz,
                                    C.POINTER(BatchOptions)], C.c_int, True),
    ("posture_batch_json", [vp, szp], C.c_void_p, False),
    ("posture_batch_error_count", [vp], sz, False),
    ("posture_batch_error", [vp, sz], C.POINTER(Error), False),
    ("posture_batch_free", [vp], None, False),
]
