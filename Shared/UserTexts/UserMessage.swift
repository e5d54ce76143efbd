import Localization

/// A key of something the bot or the notifier says to a person, with its typed arguments.
///
/// Each conforming enum is one area of texts; its `+Persian` and `+English` files hold the
/// catalogue of that area, each an exhaustive `switch`, so the compiler refuses a key that lacks
/// either language. Persian is the source language; English is the fallback for users whose
/// Telegram client is set to English.
public protocol UserMessage: Sendable, Hashable {
    /// The text of this message in `language`.
    func text(_ language: Language) -> String
}
