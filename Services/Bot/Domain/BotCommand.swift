/// The commands the bot answers.
public enum BotCommand: String, Sendable, Equatable, CaseIterable {
    /// Welcome.
    case start
    /// What the bot does and how.
    case help
    /// Watch a doctor (a paziresh24 link or slug).
    case subscribe
    /// Stop watching one of them.
    case unsubscribe
    /// What is watched, with the last check of each.
    case status
    /// Show or change the filters.
    case filters
    /// No notices until `/resume`.
    case pause
    /// Notices again.
    case resume
    /// Delete everything about the user (after a confirmation).
    case stop
    /// Persian or English.
    case language
    /// Counts, for admins only.
    case stats
    /// Show the main reply keyboard again (`/menu`), or hide it (`/menu off`).
    case menu
}
