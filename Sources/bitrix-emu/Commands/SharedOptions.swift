/// Arguments that several commands declare the same way.
enum SharedOptions {
    /// `--state DIR`: the durable store folder (snapshot + journal).
    static func state(isRequired: Bool) -> Option<String> {
        Option(
            "state",
            valueName: "dir",
            isRequired: isRequired,
            help: isRequired
                ? "The state folder (snapshot and journal) to work on."
                : "The state folder (snapshot and journal) to use; without it the engine runs in memory."
        )
    }

    /// `--init`: start an empty state at `--state DIR` when it holds none.
    static let initialize = Flag(
        "init",
        help: "Start an empty state in the --state folder when it holds none (a missing path is created; an "
            + "existing folder without state files is otherwise an error, not a quiet empty start)."
    )

    /// `--site FILE`: the site configuration (statuses, pay systems, deliveries, tokens).
    static let site = Option<String>(
        "site",
        valueName: "file",
        help: "The site configuration file; without it the built-in default site is used."
    )
}
