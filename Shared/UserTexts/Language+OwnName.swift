import Localization

extension Language {
    /// The language's name in itself (an endonym): what a speaker looks for on a language button.
    var ownName: String {
        switch self {
        case .persian: "فارسی"
        case .english: "English"
        }
    }
}
