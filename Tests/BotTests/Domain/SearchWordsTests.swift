import BotDomain
import Testing

/// `SearchWords.normalize`: one spelling for what Persian keyboards type differently.
@Suite("SearchWords")
struct SearchWordsTests {
    @Test(
        "Arabic yeh and kaf, ZWNJ, digits, diacritics and spaces are normalised",
        arguments: [
            ("سعيد نوريان", "سعید نوریان"),
            ("كريمي", "کریمی"),
            ("علىرضا", "علیرضا"),
            ("مهدی‌زاده", "مهدی زاده"),
            ("  هدیه \t\n  جباری  ", "هدیه جباری"),
            ("دکتر ۱۲۳ و ١٢٣", "دکتر 123 و 123"),
            ("مُحَمَّد", "محمد"),
            ("جبـــاری", "جباری"),
            ("\u{200C}هدیه\u{200D}\u{FEFF}", "هدیه"),
            ("a\u{0001}b", "ab"),
            ("Sara AHMADI", "Sara AHMADI"),
            ("", ""),
            ("   ", ""),
        ])
    func normalizes(_ input: String, _ expected: String) {
        #expect(SearchWords.normalize(input) == expected)
    }

    @Test("long input is cut to 100 characters at a word boundary")
    func cut() {
        let words = Array(repeating: "نوریان", count: 30).joined(separator: " ")
        let result = SearchWords.normalize(words)
        #expect(result.count <= SearchWords.maxLength)
        #expect(result.hasSuffix("نوریان"))
        #expect(!result.hasSuffix(" "))
        let oneWord = String(repeating: "ی", count: 150)
        #expect(SearchWords.normalize(oneWord).count == 100)
    }

    @Test("already normalised text is unchanged (idempotent)")
    func idempotent() {
        for text in ["سعيد نوريان", "مهدی‌زاده  ۱۲", "كريمي"] {
            let once = SearchWords.normalize(text)
            #expect(SearchWords.normalize(once) == once)
        }
    }
}
