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
 *   - posture_action_policies, posture_action_plan and posture_network_changes are immutable too.
 *   - posture_snapshot, posture_judgment and posture_client_states are thread-compatible: one
 *     thread at a time, or read-only from many.
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

/* ---- actions -------------------------------------------------------------------------------- */

/* posture selects and prepares actions; the host performs them (docs/actions.md). Selection is
 * pure: judgments and client states in, an action plan and new client states out. */

/* Kinds of action. Values are fixed forever. */
#define POSTURE_ACTION_NOTIFY_USER 0 /**< a message shown on the client */
#define POSTURE_ACTION_EMAIL_ADMIN 1 /**< one mail per policy and level, listing its clients */
#define POSTURE_ACTION_NETWORK 2     /**< a quarantine transition with its connection changes */
#define POSTURE_ACTION_COMMAND 3     /**< one program run (argv, never a shell) per policy and level */
#define POSTURE_ACTION_DISTRIBUTE 4  /**< updates and/or anti-virus definitions to push */
#define POSTURE_ACTION_EVENT 5       /**< a monitoring event */

/* Quarantine states of a client. Values are fixed forever. */
#define POSTURE_QUARANTINE_UNREGISTERED 0
#define POSTURE_QUARANTINE_PERMITTED 1
#define POSTURE_QUARANTINE_DENIED 2
#define POSTURE_QUARANTINE_EMERGENCY_DENIED 3
#define POSTURE_QUARANTINE_EXEMPT 4
#define POSTURE_QUARANTINE_REMOVED 5

/* What a network action asks for. */
#define POSTURE_NETWORK_PERMIT 0
#define POSTURE_NETWORK_DENY 1

/* Operations on the NAC's connection control list. */
#define POSTURE_CONTROL_PERMIT 0
#define POSTURE_CONTROL_DENY 1
#define POSTURE_CONTROL_EMERGENCY_DENY 2 /**< deny at once; the connector should not queue it */
#define POSTURE_CONTROL_REMOVE_ENTRY 3   /**< forget the client's entry (a retired asset) */

/* Network-control events (the quarantine state machine's inputs). */
#define POSTURE_NETWORK_EVENT_JUDGED 0             /**< a judgment fired a network action */
#define POSTURE_NETWORK_EVENT_ADMIN_PERMIT 1       /**< the only event that ends an emergency */
#define POSTURE_NETWORK_EVENT_ADMIN_DENY 2
#define POSTURE_NETWORK_EVENT_EMERGENCY_DENY 3
#define POSTURE_NETWORK_EVENT_REGISTER_PERMITTED 4 /**< on an imported permitted-PC list */
#define POSTURE_NETWORK_EVENT_REMOVE 5             /**< the asset is retired */
#define POSTURE_NETWORK_EVENT_SET_EXEMPT 6
#define POSTURE_NETWORK_EVENT_CLEAR_EXEMPT 7

/* Severities of a monitoring event. */
#define POSTURE_SEVERITY_INFORMATION 0
#define POSTURE_SEVERITY_NOTICE 1
#define POSTURE_SEVERITY_WARNING 2
#define POSTURE_SEVERITY_ERROR 3
#define POSTURE_SEVERITY_CRITICAL 4

/* JSON output styles. */
#define POSTURE_JSON_COMPACT 0 /**< one line */
#define POSTURE_JSON_PRETTY 1  /**< indented, as the command line writes plans and state files */

/** "notify_user", "email_admin", "network", "command", "distribute", "event"; "" otherwise. */
POSTURE_API const char *posture_action_kind_name(int kind);
/** "unregistered", "permitted", "denied", "emergency_denied", "exempt", "removed"; "" otherwise. */
POSTURE_API const char *posture_quarantine_state_name(int state);
/** "permit", "deny", "emergency_deny", "remove_entry" (POSTURE_CONTROL_*); "" otherwise. */
POSTURE_API const char *posture_control_op_name(int op);
/** "information", "notice", "warning", "error", "critical"; "" otherwise. */
POSTURE_API const char *posture_severity_name(int severity);

/** The checked action policies of an engine's policy documents, with the presets. Immutable. */
typedef struct posture_action_policies posture_action_policies;

/**
 * Reads the action policies of the documents `engine` was built from (their `action_policies`
 * array; the presets "Default" and "Initial" alone when there is none) and checks that every
 * action policy the assignment table names exists. Every problem is reported, each with the
 * line and column in its policy document.
 * Ownership: *out belongs to the caller; release it with posture_action_policies_free. It does
 * not refer to the engine, which may be freed first.
 * Thread safety: the result is immutable; any number of threads may select with it at once.
 * Errors: POSTURE_EINVALID, POSTURE_EPARSE, POSTURE_ECHECK, POSTURE_ELIMIT.
 */
POSTURE_API int posture_action_policies_new(posture_action_policies **out,
                                            const posture_engine *engine);
/** Releases action policies. NULL is allowed. Plans selected with them stay valid. */
POSTURE_API void posture_action_policies_free(posture_action_policies *policies);
/** Number of action policies, presets included. */
POSTURE_API size_t posture_action_policies_count(const posture_action_policies *policies);
/** Name of action policy i (those of the documents in order, then the presets), or NULL.
 * Valid until the policies are freed. */
POSTURE_API const char *posture_action_policies_name(const posture_action_policies *policies,
                                                     size_t index);

/** Everything kept per client between runs: identity, last judgment, consecutive counters,
 * quarantine state (posture-client-states/1). Thread-compatible. */
typedef struct posture_client_states posture_client_states;

/**
 * An empty set of client states (a first run).
 * Ownership: *out belongs to the caller; release it with posture_client_states_free.
 * Errors: POSTURE_EINVALID.
 */
POSTURE_API int posture_client_states_new(posture_client_states **out);
/**
 * Reads client states (posture-client-states/1 JSON). Unknown keys and an asset listed twice
 * are errors; every problem is reported with its line and column.
 * Ownership: *out belongs to the caller; release it with posture_client_states_free.
 * Errors: POSTURE_EINVALID, POSTURE_EPARSE, POSTURE_ECHECK, POSTURE_ELIMIT, POSTURE_EVERSION.
 */
POSTURE_API int posture_client_states_from_json(posture_client_states **out, const char *data,
                                                size_t len);
/** Releases client states. NULL is allowed. */
POSTURE_API void posture_client_states_free(posture_client_states *states);
/** Number of clients. */
POSTURE_API size_t posture_client_states_count(const posture_client_states *states);
/** Asset number of client i, or NULL. Valid until `states` is next changed or freed. */
POSTURE_API const char *posture_client_states_asset(const posture_client_states *states,
                                                    size_t index);
/** POSTURE_QUARANTINE_* of client i, or -1. */
POSTURE_API int posture_client_states_quarantine(const posture_client_states *states,
                                                 size_t index);
/** POSTURE_LEVEL_* last recorded for client i (POSTURE_LEVEL_NONE when none or out of range). */
POSTURE_API int posture_client_states_level(const posture_client_states *states, size_t index);
/** Judgments in a row at that level for client i; 0 when none or out of range. */
POSTURE_API uint32_t posture_client_states_consecutive_times(const posture_client_states *states,
                                                             size_t index);
/**
 * Takes a client's identity (host, user, group, IP and MAC addresses, OS name, location) and its
 * management flag from a snapshot of it, adding the client when it is new. Templates and network
 * changes use this identity: call it for each snapshot before selecting in immediate mode.
 * Errors: POSTURE_EINVALID. On failure `states` is unchanged.
 */
POSTURE_API int posture_client_states_observe(posture_client_states *states,
                                              const posture_snapshot *snapshot);
/** As posture_client_states_observe, for a snapshot given as posture-inventory/1 JSON.
 * Errors: also POSTURE_EPARSE, POSTURE_ECHECK, POSTURE_ELIMIT. */
POSTURE_API int posture_client_states_observe_json(posture_client_states *states,
                                                   const char *data, size_t len);
/**
 * Records a judgment in its client's state (deferred mode: record each judgment as it is made,
 * select later), adding the client when it is new. A judgment counts once: one not later than the
 * last recorded leaves the state as it is.
 * Errors: POSTURE_EINVALID. On failure `states` is unchanged.
 */
POSTURE_API int posture_client_states_record(posture_client_states *states,
                                             const posture_judgment *judgment);
/**
 * The states as posture-client-states/1 JSON (`style`: POSTURE_JSON_*); reading it back gives
 * the same states. Valid until the next call on `states`. NULL (and *len_out 0) for a NULL
 * handle, an unknown style, or when memory runs out; posture_error_last() says which.
 */
POSTURE_API const char *posture_client_states_json(posture_client_states *states, int style,
                                                   size_t *len_out);

/** Connection changes for the host's NAC connector, in the order to make them. Immutable. */
typedef struct posture_network_changes posture_network_changes;

/** One connection change, owned by the library (never allocate one yourself: fields may be
 * appended). `mac`, `ip` and `host` say how the connector finds the client; any may be "". They
 * are the client's own values: use them as data, never as part of a command line. */
typedef struct posture_connection_change {
  int op;            /**< POSTURE_CONTROL_* */
  const char *asset; /**< whose change it is; never NULL */
  const char *mac;   /**< canonical "00:1A:2B:3C:4D:5E", or ""; never NULL */
  const char *ip;    /**< never NULL */
  const char *host;  /**< never NULL */
} posture_connection_change;

#define POSTURE_NETWORK_ORDER_VERSION 1
/** An administrator's network-control order (as JP1/CSC's cscnetctrl). Fields are only ever
 * appended; `version` says how many the caller knows. */
typedef struct posture_network_order {
  unsigned int version; /**< POSTURE_NETWORK_ORDER_VERSION */
  int event;            /**< POSTURE_NETWORK_EVENT_*; required (the INIT value is invalid) */
  int control;          /**< POSTURE_NETWORK_*, for POSTURE_NETWORK_EVENT_JUDGED */
  int auto_refuse;      /**< nonzero: POSTURE_NETWORK_EVENT_REMOVE denies the client first */
  /* Which clients: by asset number when given; otherwise by MAC (any separator) when given,
   * else by IP address and/or host name (both must match when both are given). NULL or "" is
   * "not given"; at least one is required. */
  const char *asset;
  const char *mac;
  const char *ip;
  const char *host;
} posture_network_order;
#define POSTURE_NETWORK_ORDER_INIT \
  {POSTURE_NETWORK_ORDER_VERSION, -1, POSTURE_NETWORK_PERMIT, 0, NULL, NULL, NULL, NULL}
/** Fills `order` with defaults for `version` (for FFI callers that cannot use the macro). */
POSTURE_API int posture_network_order_init(posture_network_order *order, unsigned int version);

/**
 * Carries out an order on every client it names, through the quarantine state machine
 * (docs/actions.md §4): `states` is updated in place and *changes_out receives the connection
 * changes to make (none when no state changed: an order that does not apply says so in no
 * change). `changes_out` may be NULL when the caller does not want them.
 * Ownership: *changes_out belongs to the caller; release it with posture_network_changes_free.
 * Errors: POSTURE_EINVALID (NULL, no client named, unknown event or control), POSTURE_EPARSE (a
 * key is not UTF-8), POSTURE_ENOTFOUND (no client matches), POSTURE_EVERSION. On failure
 * `states` is unchanged.
 */
POSTURE_API int posture_client_states_apply(posture_network_changes **changes_out,
                                            posture_client_states *states,
                                            const posture_network_order *order);
/** Releases changes. NULL is allowed. */
POSTURE_API void posture_network_changes_free(posture_network_changes *changes);
POSTURE_API size_t posture_network_changes_count(const posture_network_changes *changes);
/** Change i, or NULL. Valid until the changes are freed. */
POSTURE_API const posture_connection_change *posture_network_changes_at(
    const posture_network_changes *changes, size_t index);
/** The changes as posture-connection-changes/1 JSON (what `posture netctl` prints), built on the
 * first call per style. Valid until the changes are freed; several threads may ask at once. NULL
 * (and *len_out 0) for a NULL handle or unknown style, or when memory runs out. */
POSTURE_API const char *posture_network_changes_json(const posture_network_changes *changes,
                                                     int style, size_t *len_out);

#define POSTURE_ACTION_OPTIONS_VERSION 1
/** Selection options. Fields are only ever appended; `version` says how many the caller knows.
 * Strings are copied during the call; NULL is the same as "". */
typedef struct posture_action_options {
  unsigned int version;       /**< POSTURE_ACTION_OPTIONS_VERSION */
  const char *policy;         /**< act with this action policy for every client (not "Initial") */
  const char *command_folder; /**< parent of the folders commands' files go to */
  const char *mail_from;      /**< sender of administrator mails; "" leaves it to the host */
} posture_action_options;
#define POSTURE_ACTION_OPTIONS_INIT {POSTURE_ACTION_OPTIONS_VERSION, NULL, NULL, NULL}
/** Fills `opts` with defaults for `version` (for FFI callers that cannot use the macro). */
POSTURE_API int posture_action_options_init(posture_action_options *opts, unsigned int version);

/** The actions selected for a run, each client's decisions and the new client states.
 * Immutable; any number of threads may read it at once. */
typedef struct posture_action_plan posture_action_plan;

/**
 * Selects the actions for a run (immediate mode: the run's judgments; deferred mode: the latest
 * stored ones, after posture_client_states_record). Each client's judgments are recorded in
 * reference-time order, and its latest one is acted on through its action policy: options->policy,
 * else the judgment's, else the state's, else "Default". The judgments' reference times are "now":
 * no clock is read. `states` may be NULL (a first run: every client is new) and is not changed:
 * the new states are in the plan (posture_action_plan_states). `options` may be NULL.
 * `judgments` is an array of `judgment_count` handles (none NULL); a count of 0 selects nothing.
 * Problems of one client (an unknown policy name, a stale judgment) are notes in its decision.
 * Ownership: *out belongs to the caller; release it with posture_action_plan_free.
 * Errors: POSTURE_EINVALID (NULL, "Initial" as options->policy, a bad sender or folder, two
 * states with one asset), POSTURE_EPARSE (an option is not UTF-8), POSTURE_ENOTFOUND (unknown
 * options->policy), POSTURE_EVERSION.
 */
POSTURE_API int posture_action_select(posture_action_plan **out,
                                      const posture_action_policies *policies,
                                      const posture_judgment *const *judgments,
                                      size_t judgment_count, const posture_client_states *states,
                                      const posture_action_options *options);
/**
 * As posture_action_select, for judgments given as JSON, as posture_judgment_json and
 * `posture judge` write them: JSON Lines, a JSON array, or one judgment (what `posture act` reads).
 * Errors: also POSTURE_EPARSE, POSTURE_ECHECK, POSTURE_ELIMIT (every problem of every line).
 */
POSTURE_API int posture_action_select_json(posture_action_plan **out,
                                           const posture_action_policies *policies,
                                           const char *judgments, size_t len,
                                           const posture_client_states *states,
                                           const posture_action_options *options);
/** Releases a plan. NULL is allowed. */
POSTURE_API void posture_action_plan_free(posture_action_plan *plan);

/**
 * The plan as posture-action-plan/1 JSON (`style`: POSTURE_JSON_*), byte for byte what `posture
 * act` prints (without its final newline; POSTURE_JSON_COMPACT as with --compact). Built on the
 * first call per style; valid until the plan is freed; several threads may ask at once. NULL (and
 * *len_out 0) for a NULL plan or unknown style, or when memory runs out.
 */
POSTURE_API const char *posture_action_plan_json(const posture_action_plan *plan, int style,
                                                 size_t *len_out);
/** The new client states as posture-client-states/1 JSON, byte for byte what `posture act`
 * writes back with POSTURE_JSON_PRETTY. Lifetime and failures as posture_action_plan_json. */
POSTURE_API const char *posture_action_plan_states_json(const posture_action_plan *plan,
                                                        int style, size_t *len_out);
/**
 * A copy of the new client states, to keep for the next run: the states given, in order, then the
 * clients first seen in the judgments.
 * Ownership: *out belongs to the caller; release it with posture_client_states_free.
 * Errors: POSTURE_EINVALID.
 */
POSTURE_API int posture_action_plan_states(posture_client_states **out,
                                           const posture_action_plan *plan);
/** Time of the run (the latest reference time among the judgments acted on); 0 for NULL. */
POSTURE_API int64_t posture_action_plan_run_time(const posture_action_plan *plan);

/* Actions, in the order to carry them out: user notifications, events, administrator mails,
 * commands, distributions, network changes. Strings are valid until the plan is freed. Asking an
 * action for another kind's field, or an index out of range, yields NULL, 0 or -1 as stated. */

POSTURE_API size_t posture_action_plan_count(const posture_action_plan *plan);
/** POSTURE_ACTION_* of action i, or -1. */
POSTURE_API int posture_action_plan_kind(const posture_action_plan *plan, size_t action);
/** POSTURE_LEVEL_* the action was selected for, or POSTURE_LEVEL_NONE. */
POSTURE_API int posture_action_plan_level(const posture_action_plan *plan, size_t action);
/** The action policy it comes from, or NULL. */
POSTURE_API const char *posture_action_plan_policy(const posture_action_plan *plan, size_t action);
/** The clients it concerns: one for per-client actions, all of the batch for mails and commands
 * (input order). */
POSTURE_API size_t posture_action_plan_asset_count(const posture_action_plan *plan, size_t action);
POSTURE_API const char *posture_action_plan_asset(const posture_action_plan *plan, size_t action,
                                                  size_t index);

/* POSTURE_ACTION_NOTIFY_USER */
POSTURE_API const char *posture_action_plan_title(const posture_action_plan *plan, size_t action);
POSTURE_API const char *posture_action_plan_text(const posture_action_plan *plan, size_t action);
/** "" when the policy has no HTML body. */
POSTURE_API const char *posture_action_plan_html(const posture_action_plan *plan, size_t action);

/* POSTURE_ACTION_EMAIL_ADMIN. Recipients are blind copies. */
/** The sender; "" leaves it to the host's mail settings. */
POSTURE_API const char *posture_action_plan_mail_from(const posture_action_plan *plan,
                                                      size_t action);
POSTURE_API size_t posture_action_plan_recipient_count(const posture_action_plan *plan,
                                                       size_t action);
POSTURE_API const char *posture_action_plan_recipient(const posture_action_plan *plan,
                                                      size_t action, size_t index);
POSTURE_API const char *posture_action_plan_subject(const posture_action_plan *plan,
                                                    size_t action);
POSTURE_API const char *posture_action_plan_body(const posture_action_plan *plan, size_t action);

/* POSTURE_ACTION_COMMAND. Execute argv directly (argv[0] is the program), never through a
 * shell. When there are files, create the folder, write them there, run, then remove it. */
/** The command's name for people and logs; may be "". */
POSTURE_API const char *posture_action_plan_command_name(const posture_action_plan *plan,
                                                         size_t action);
POSTURE_API size_t posture_action_plan_argc(const posture_action_plan *plan, size_t action);
POSTURE_API const char *posture_action_plan_argv(const posture_action_plan *plan, size_t action,
                                                 size_t index);
/** "" when the command reads no files. */
POSTURE_API const char *posture_action_plan_folder(const posture_action_plan *plan, size_t action);
POSTURE_API size_t posture_action_plan_file_count(const posture_action_plan *plan, size_t action);
POSTURE_API const char *posture_action_plan_file_name(const posture_action_plan *plan,
                                                      size_t action, size_t index);
POSTURE_API const char *posture_action_plan_file_content(const posture_action_plan *plan,
                                                         size_t action, size_t index,
                                                         size_t *len_out);

/* POSTURE_ACTION_DISTRIBUTE */
/** Update ids to push, sorted. */
POSTURE_API size_t posture_action_plan_update_count(const posture_action_plan *plan,
                                                    size_t action);
POSTURE_API const char *posture_action_plan_update(const posture_action_plan *plan, size_t action,
                                                   size_t index);
/** 1 when anti-virus definitions are to be pushed, 0 when not, -1 for another kind. */
POSTURE_API int posture_action_plan_antivirus_definitions(const posture_action_plan *plan,
                                                          size_t action);

/* POSTURE_ACTION_NETWORK */
/** POSTURE_NETWORK_*, or -1. */
POSTURE_API int posture_action_plan_network_control(const posture_action_plan *plan,
                                                    size_t action);
/** POSTURE_QUARANTINE_* before and after, or -1. */
POSTURE_API int posture_action_plan_quarantine_from(const posture_action_plan *plan,
                                                    size_t action);
POSTURE_API int posture_action_plan_quarantine_to(const posture_action_plan *plan, size_t action);
POSTURE_API size_t posture_action_plan_change_count(const posture_action_plan *plan,
                                                    size_t action);
/** Connection change i of a network action, or NULL. Valid until the plan is freed. */
POSTURE_API const posture_connection_change *posture_action_plan_change(
    const posture_action_plan *plan, size_t action, size_t index);

/* POSTURE_ACTION_EVENT */
/** POSTURE_SEVERITY_*, or -1. */
POSTURE_API int posture_action_plan_severity(const posture_action_plan *plan, size_t action);
/** One line. */
POSTURE_API const char *posture_action_plan_message(const posture_action_plan *plan,
                                                    size_t action);

/* Decisions: per client of the run (input order), what was configured, whether it was selected
 * and why. Strings are valid until the plan is freed. */

POSTURE_API size_t posture_action_plan_client_count(const posture_action_plan *plan);
POSTURE_API const char *posture_action_plan_client_asset(const posture_action_plan *plan,
                                                         size_t client);
/** The action policy used; "" when none could be. */
POSTURE_API const char *posture_action_plan_client_policy(const posture_action_plan *plan,
                                                          size_t client);
/** POSTURE_LEVEL_* acted on, or POSTURE_LEVEL_NONE. */
POSTURE_API int posture_action_plan_client_level(const posture_action_plan *plan, size_t client);
/** Why nothing applies to the client at all (a stale judgment, an unknown policy); "" otherwise. */
POSTURE_API const char *posture_action_plan_client_note(const posture_action_plan *plan,
                                                        size_t client);
/** The configured actions of the client's level. */
POSTURE_API size_t posture_action_plan_decision_count(const posture_action_plan *plan,
                                                      size_t client);
/** POSTURE_ACTION_* of decision d, or -1. */
POSTURE_API int posture_action_plan_decision_kind(const posture_action_plan *plan, size_t client,
                                                  size_t decision);
/** 1 selected, 0 not, -1 out of range. */
POSTURE_API int posture_action_plan_decision_selected(const posture_action_plan *plan,
                                                      size_t client, size_t decision);
/** Why, in one sentence ("needs 3 consecutive judgments at Danger, has 2"). */
POSTURE_API const char *posture_action_plan_decision_why(const posture_action_plan *plan,
                                                         size_t client, size_t decision);

POSTURE_END_DECL

#endif /* POSTURE_POSTURE_H */
