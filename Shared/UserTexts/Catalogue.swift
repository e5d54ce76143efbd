import Localization

/// The one entry point to every user-facing text: `Catalogue.text(NoticeMessage.found, .persian)`.
public enum Catalogue {
    /// The text of `message` in `language`.
    public static func text(_ message: some UserMessage, _ language: Language) -> String {
        message.text(language)
    }
}
