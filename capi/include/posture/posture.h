/*
 * posture.h — the stable C ABI of posture, the embeddable client-security judgment engine.
 *
 * This header is the whole contract: a function, type or constant not declared here is not part of
 * the C ABI. Within a major version nothing declared here is removed or changes signature or
 * meaning; new behaviour arrives as new functions or new fields appended to options structs.
 *
 * Conventions
 *   - Every fallible function returns int: POSTURE_OK (0) or a negative POSTURE_E... code. The
 *     codes' values are fixed forever. posture_error_last() tells more.
 *   - Output parameters come first (named out / *_out), then the object operated on, then inputs.
 *   - Anything returned through an `out` handle belongs to the caller and is released with its
 *     *_free function; every *_free accepts NULL and does nothing.
 *   - A `const char *` returned by a getter is borrowed: its lifetime is stated on the getter.
 *   - Text is UTF-8, passed as (data, len); the library copies what it keeps. Invalid UTF-8 in a
 *     document is a POSTURE_EPARSE error, never undefined behaviour.
 *   - Times are seconds since 1970-01-01T00:00:00Z. The library never reads the wall clock.
 *
 * Thread safety
 *   - posture_engine is immutable once created: any number of threads may judge with it at once.
 *   - posture_snapshot and posture_judgment are thread-compatible: one thread at a time, or
 *     read-only from many.
 *   - Error state is per thread. No global initialisation is needed.
 */
#ifndef POSTURE_POSTURE_H
#define POSTURE_POSTURE_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(POSTURE_BUILDING)
#    define POSTURE_API __declspec(dllexport)
#  else
#    define POSTURE_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define POSTURE_API __attribute__((visibility("default")))
#else
#  define POSTURE_API
#endif

#ifdef __cplusplus
#  define POSTURE_BEGIN_DECL extern "C" {
#  define POSTURE_END_DECL }
#else
#  define POSTURE_BEGIN_DECL
#  define POSTURE_END_DECL
#endif

POSTURE_BEGIN_DECL

/* ---- versions ------------------------------------------------------------------------------ */

#define POSTURE_VERSION_MAJOR 0
#define POSTURE_VERSION_MINOR 1
#define POSTURE_VERSION_PATCH 0
#define POSTURE_VERSION_STRING "0.1.0"
/** major * 10000 + minor * 100 + patch */
#define POSTURE_VERSION_NUMBER \
  (POSTURE_VERSION_MAJOR * 10000 + POSTURE_VERSION_MINOR * 100 + POSTURE_VERSION_PATCH)
/** True when the header is at least version maj.min.patch. */
#define POSTURE_VERSION_CHECK(maj, min, patch) \
  (POSTURE_VERSION_NUMBER >= ((maj) * 10000 + (min) * 100 + (patch)))

/** The library's version number (compare with POSTURE_VERSION_NUMBER to detect a mismatch). */
POSTURE_API int posture_version_number(void);
/** The library's version string, e.g. "0.1.0". Static storage. */
POSTURE_API const char *posture_version_string(void);
/** A JSON object describing the build (version, compiler, features). Static storage. */
POSTURE_API const char *posture_build_info(void);

/* ---- errors -------------------------------------------------------------------------------- */

#define POSTURE_OK 0
#define POSTURE_ERROR (-1)      /**< unclassified failure */
#define POSTURE_EINVALID (-2)   /**< misuse: NULL argument, bad value, wrong state */
#define POSTURE_EPARSE (-3)     /**< input is not well-formed */
#define POSTURE_ECHECK (-4)     /**< input is well-formed but breaks a rule (unknown key, name) */
#define POSTURE_ENOTFOUND (-5)  /**< a named thing does not exist */
#define POSTURE_ENOMEM (-6)     /**< out of memory */
#define POSTURE_ELIMIT (-7)     /**< a size, depth or length limit was exceeded */
#define POSTURE_EVERSION (-8)   /**< unsupported options-struct or document version */
#define POSTURE_EUSER (-9)      /**< a caller's callback asked to stop */
#define POSTURE_EINTERNAL (-10) /**< a bug in posture */
#define POSTURE_EIO (-11)       /**< a file could not be read */

/** One problem: a code, a message and, for source documents, where it is. */
typedef struct posture_error {
  int code;            /**< POSTURE_E... */
  const char *message; /**< never NULL */
  const char *file;    /**< document name or path; "" when unknown; never NULL */
  uint32_t line;       /**< 1-based; 0 when unknown */
  uint32_t column;     /**< 1-based byte column; 0 when unknown */
  size_t offset;       /**< 0-based byte offset */
} posture_error;

/**
 * The last error of the calling thread. Never NULL: after a success it has code POSTURE_OK.
 * Owned by the library; valid until the next posture_ call on this thread.
 */
POSTURE_API const posture_error *posture_error_last(void);
/**
 * Number of diagnostics behind the last error (a policy with five problems has five). At least 1
 * after a failure, 0 after a success.
 */
POSTURE_API size_t posture_error_diagnostic_count(void);
/** Diagnostic i (0-based) of the last error, or NULL when out of range. Lifetime as above. */
POSTURE_API const posture_error *posture_error_diagnostic(size_t index);
/** Resets the calling thread's error to POSTURE_OK. */
POSTURE_API void posture_error_clear(void);
/** Fixed English text for a code ("parse error"). Static storage; never NULL. */
POSTURE_API const char *posture_error_code_str(int code);

/* ---- levels and statuses -------------------------------------------------------------------- */

/* Levels are JP1/CSC's codes. POSTURE_LEVEL_NONE means "no level" (nothing judged). */
#define POSTURE_LEVEL_NONE 0
#define POSTURE_LEVEL_SAFE 100
#define POSTURE_LEVEL_CAUTION 200
#define POSTURE_LEVEL_WARNING 300
#define POSTURE_LEVEL_DANGER 400

#define POSTURE_STATUS_JUDGED 0
#define POSTURE_STATUS_UNKNOWN 1
#define POSTURE_STATUS_NO_ITEM 2
#define POSTURE_STATUS_NOT_TARGET 3
#define POSTURE_STATUS_NOT_JUDGED 4

#define POSTURE_CATEGORY_SECURITY_UPDATES 0
#define POSTURE_CATEGORY_ANTIVIRUS 1
#define POSTURE_CATEGORY_PROHIBITED_SOFTWARE 2
#define POSTURE_CATEGORY_MANDATORY_SOFTWARE 3
#define POSTURE_CATEGORY_PC_SECURITY 4
#define POSTURE_CATEGORY_USER_DEFINED 5

/** "safe", "caution", "warning", "danger"; "" for POSTURE_LEVEL_NONE or an unknown code. */
POSTURE_API const char *posture_level_name(int level);
/** "judged", "unknown", "no_item", "not_target", "not_judged"; "" otherwise. */
POSTURE_API const char *posture_status_name(int status);
/** "security_updates", "antivirus", …; "" otherwise. */
POSTURE_API const char *posture_category_name(int category);

/* ---- documents ------------------------------------------------------------------------------ */

/**
 * A document handed to the library: its text (data, len), or — when data is NULL — the file at
 * path `name`. `name` is used in error locations; it may be NULL for in-memory text.
 */
typedef struct posture_document {
  const char *data;
  size_t len;
  const char *name;
} posture_document;

/* ---- engine --------------------------------------------------------------------------------- */

/** A compiled policy set with its patch catalog and assignment table. Immutable. */
typedef struct posture_engine posture_engine;

#define POSTURE_ENGINE_OPTIONS_VERSION 1
/** Engine options. Fields are only ever appended; `version` says how many the caller knows. */
typedef struct posture_engine_options {
  unsigned int version;          /**< POSTURE_ENGINE_OPTIONS_VERSION */
  int require_agent_version;     /**< nonzero: a snapshot without agent_version is all unknown */
} posture_engine_options;
#define POSTURE_ENGINE_OPTIONS_INIT {POSTURE_ENGINE_OPTIONS_VERSION, 0}
/** Fills `opts` with defaults for `version` (for FFI callers that cannot use the macro). */
POSTURE_API int posture_engine_options_init(posture_engine_options *opts, unsigned int version);

/**
 * Creates an engine from one or more policy documents (posture-policy/1, merged by name) and an
 * optional patch catalog (posture-catalog/1; NULL for none). `options` may be NULL for defaults.
 * Every problem in every document is reported: posture_error_last() is the first, and
 * posture_error_diagnostic() gives them all.
 * Ownership: *out belongs to the caller; release it with posture_engine_free.
 * Errors: POSTURE_EINVALID, POSTURE_EIO, POSTURE_EPARSE, POSTURE_ECHECK, POSTURE_ELIMIT,
 * POSTURE_EVERSION.
 */
POSTURE_API int posture_engine_new(posture_engine **out, const posture_document *policies,
                                   size_t policy_count, const posture_document *catalog,
                                   const posture_engine_options *options);
/** Releases an engine. NULL is allowed. Judgments made with it stay valid. */
POSTURE_API void posture_engine_free(posture_engine *engine);
/** Number of judgment policies in the engine. */
POSTURE_API size_t posture_engine_policy_count(const posture_engine *engine);
/** Name of judgment policy i, or NULL. Valid until the engine is freed. */
POSTURE_API const char *posture_engine_policy_name(const posture_engine *engine, size_t index);

/* ---- snapshots ------------------------------------------------------------------------------ */

/** One client's inventory. Thread-compatible. */
typedef struct posture_snapshot posture_snapshot;

/**
 * Parses one inventory snapshot (posture-inventory/1 JSON).
 * Ownership: *out belongs to the caller; release it with posture_snapshot_free.
 * Errors: POSTURE_EINVALID, POSTURE_EPARSE, POSTURE_ECHECK, POSTURE_ELIMIT.
 */
POSTURE_API int posture_snapshot_from_json(posture_snapshot **out, const char *data, size_t len);
/**
 * Creates an empty snapshot for asset number `asset` (1–120 bytes), to be built field by field.
 * Ownership: *out belongs to the caller; release it with posture_snapshot_free.
 * Errors: POSTURE_EINVALID (NULL, empty or too long), POSTURE_EPARSE (not UTF-8).
 */
POSTURE_API int posture_snapshot_new(posture_snapshot **out, const char *asset);
/** Releases a snapshot. NULL is allowed. */
POSTURE_API void posture_snapshot_free(posture_snapshot *snapshot);

/**
 * Sets a scalar by its path, as the inventory format names it: "host", "user", "group",
 * "agent_version", "os.name", "os.version", "os.service_pack", "settings.logon.auto_logon",
 * "settings.screensaver.timeout_min", "updates.complete", … or "fields.<name>" for a free-form
 * field. Text values are parsed into the path's type ("true"/"false", integers, dates, modes).
 * Errors: POSTURE_EINVALID (NULL), POSTURE_ENOTFOUND (unknown path), POSTURE_EPARSE (bad value).
 */
POSTURE_API int posture_snapshot_set(posture_snapshot *snapshot, const char *path,
                                     const char *value);
/**
 * Adds an installed program. version and publisher may be NULL (not collected).
 * Errors: POSTURE_EINVALID (NULL snapshot or name), POSTURE_EPARSE (not UTF-8).
 */
POSTURE_API int posture_snapshot_add_program(posture_snapshot *snapshot, const char *name,
                                             const char *version, const char *publisher);
/**
 * Adds an update record. state: "installed" or "missing"; severity: "critical", "important",
 * "moderate", "low", "unspecified" or NULL. Creates the updates section if absent.
 * Errors: POSTURE_EINVALID (NULL snapshot, id or state), POSTURE_EPARSE (unknown state or
 * severity, id not UTF-8).
 */
POSTURE_API int posture_snapshot_add_update(posture_snapshot *snapshot, const char *id,
                                            const char *state, const char *severity);
/**
 * Adds an anti-virus product. Any string but name may be NULL (not collected); definition_date
 * is "YYYY-MM-DD"; resident is 1, 0, or -1 (not collected).
 * Errors: POSTURE_EINVALID (NULL snapshot or name, resident out of range), POSTURE_EPARSE (bad
 * date, text not UTF-8).
 */
POSTURE_API int posture_snapshot_add_antivirus(posture_snapshot *snapshot, const char *name,
                                               const char *product_version,
                                               const char *engine_version,
                                               const char *definition_version,
                                               const char *definition_date, int resident);
/** The snapshot as posture-inventory/1 JSON. Valid until the next call on this snapshot. */
POSTURE_API const char *posture_snapshot_json(posture_snapshot *snapshot, size_t *len_out);

/* ---- judgment ------------------------------------------------------------------------------- */

/** A client's judgment: level, status, points, items, conditions and evidence. Thread-compatible. */
typedef struct posture_judgment posture_judgment;

/**
 * Judges a snapshot with the policy assigned to it, at `reference_time`.
 * Ownership: *out belongs to the caller; release it with posture_judgment_free.
 * Policy problems met while judging (missing data) are part of the judgment, not errors.
 * Errors: POSTURE_EINVALID.
 */
POSTURE_API int posture_engine_judge(posture_judgment **out, const posture_engine *engine,
                                     const posture_snapshot *snapshot, int64_t reference_time);
/** Parses a snapshot (posture-inventory/1 JSON) and judges it. Errors as both calls. */
POSTURE_API int posture_engine_judge_json(posture_judgment **out, const posture_engine *engine,
                                          const char *data, size_t len, int64_t reference_time);
/** Releases a judgment. NULL is allowed. */
POSTURE_API void posture_judgment_free(posture_judgment *judgment);

/* Getters: strings are valid until the judgment is freed. An index out of range yields NULL,
 * POSTURE_LEVEL_NONE or -1 as stated, never undefined behaviour. */

POSTURE_API const char *posture_judgment_asset(const posture_judgment *j);
POSTURE_API const char *posture_judgment_policy(const posture_judgment *j);
/** "" when no action policy is assigned. */
POSTURE_API const char *posture_judgment_action_policy(const posture_judgment *j);
POSTURE_API int64_t posture_judgment_reference_time(const posture_judgment *j);
/** POSTURE_LEVEL_*; POSTURE_LEVEL_NONE when nothing was judged. */
POSTURE_API int posture_judgment_level(const posture_judgment *j);
/** POSTURE_STATUS_*; -1 for NULL. */
POSTURE_API int posture_judgment_status(const posture_judgment *j);
/** Evaluation points 0–100, or -1 when there is no score. */
POSTURE_API int posture_judgment_points(const posture_judgment *j);

POSTURE_API size_t posture_judgment_item_count(const posture_judgment *j);
/** POSTURE_CATEGORY_* of item i, or -1. */
POSTURE_API int posture_judgment_item_category(const posture_judgment *j, size_t item);
POSTURE_API int posture_judgment_item_status(const posture_judgment *j, size_t item);
POSTURE_API int posture_judgment_item_level(const posture_judgment *j, size_t item);

POSTURE_API size_t posture_judgment_condition_count(const posture_judgment *j, size_t item);
POSTURE_API const char *posture_judgment_condition_name(const posture_judgment *j, size_t item,
                                                        size_t condition);
POSTURE_API int posture_judgment_condition_status(const posture_judgment *j, size_t item,
                                                  size_t condition);
POSTURE_API int posture_judgment_condition_level(const posture_judgment *j, size_t item,
                                                 size_t condition);
POSTURE_API size_t posture_judgment_evidence_count(const posture_judgment *j, size_t item,
                                                   size_t condition);
POSTURE_API const char *posture_judgment_evidence_key(const posture_judgment *j, size_t item,
                                                      size_t condition, size_t evidence);
POSTURE_API const char *posture_judgment_evidence_value(const posture_judgment *j, size_t item,
                                                        size_t condition, size_t evidence);

/** Updates to distribute (the treatment step): count, and id i. */
POSTURE_API size_t posture_judgment_distribute_count(const posture_judgment *j);
POSTURE_API const char *posture_judgment_distribute(const posture_judgment *j, size_t index);

/**
 * The judgment as compact JSON on one line (spec/formats.md §3), built on the first call. Valid
 * until the judgment is freed; several threads may ask for it at once. NULL (and *len_out 0)
 * only for a NULL judgment or when memory runs out; posture_error_last() says which.
 */
POSTURE_API const char *posture_judgment_json(const posture_judgment *j, size_t *len_out);

/* ---- batch ---------------------------------------------------------------------------------- */

/** One client's outcome in a batch, written into a caller-owned array. */
typedef struct posture_verdict {
  int32_t level;   /**< POSTURE_LEVEL_* */
  int32_t status;  /**< POSTURE_STATUS_*; -1 for a record that could not be read */
  int32_t points;  /**< 0–100, or -1 */
  int32_t error;   /**< POSTURE_OK, or the code of a record that could not be read */
  uint64_t line;   /**< 1-based line where the record starts; for a record that could not be
                       read, the line of its first problem (a record may span lines) */
} posture_verdict;

#define POSTURE_BATCH_OPTIONS_VERSION 1
typedef struct posture_batch_options {
  unsigned int version;   /**< POSTURE_BATCH_OPTIONS_VERSION */
  int want_json;          /**< nonzero: also produce every judgment as JSON Lines */
} posture_batch_options;
#define POSTURE_BATCH_OPTIONS_INIT {POSTURE_BATCH_OPTIONS_VERSION, 0}
POSTURE_API int posture_batch_options_init(posture_batch_options *opts, unsigned int version);

/** The outcome of a batch call: its JSON Lines output and record errors. */
typedef struct posture_batch posture_batch;

/**
 * Judges a fleet given as JSON Lines (or a JSON array of snapshots) in one call.
 * `verdicts` is a caller-owned array of `capacity` entries; the first min(records, capacity)
 * are written and *count_out receives the number of records read (call again with a larger
 * array when it exceeds capacity). A record that cannot be read gets status -1 and its error
 * code; the others are still judged. When `batch_out` is not NULL it receives a handle holding
 * the JSON Lines of every judgment (if options->want_json) and the error of every bad record;
 * release it with posture_batch_free.
 * Errors: POSTURE_EINVALID, POSTURE_ELIMIT (input as a whole too large).
 */
POSTURE_API int posture_engine_judge_batch(posture_batch **batch_out, size_t *count_out,
                                           const posture_engine *engine, const char *data,
                                           size_t len, int64_t reference_time,
                                           posture_verdict *verdicts, size_t capacity,
                                           const posture_batch_options *options);
/** The judgments as JSON Lines (one per good record, input order); "" unless want_json. */
POSTURE_API const char *posture_batch_json(const posture_batch *batch, size_t *len_out);
/** Number of records that could not be read. */
POSTURE_API size_t posture_batch_error_count(const posture_batch *batch);
/** Error i: code, message and line. Valid until the batch is freed. */
POSTURE_API const posture_error *posture_batch_error(const posture_batch *batch, size_t index);
/** Releases a batch. NULL is allowed. */
POSTURE_API void posture_batch_free(posture_batch *batch);

POSTURE_END_DECL

#endif /* POSTURE_POSTURE_H */
