import Testing

@testable import Paziresh24

@Suite struct DoctorSlugTests {
    static let slug = "دکتر-هدیه-جباری-0"
    static let encoded = "%D8%AF%DA%A9%D8%AA%D8%B1-%D9%87%D8%AF%DB%8C%D9%87-%D8%AC%D8%A8%D8%A7%D8%B1%DB%8C-0"

    @Test(arguments: [
        "https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/",
        "https://www.paziresh24.com/dr/\(encoded)/",
        "https://www.paziresh24.com/dr/\(encoded)",
        "http://paziresh24.com/dr/\(encoded)/?utm_source=telegram#about",
        "www.paziresh24.com/dr/دکتر-هدیه-جباری-0",
        "  HTTPS://WWW.PAZIRESH24.COM/dr/\(encoded)/  ",
        "/dr/دکتر-هدیه-جباری-0/",
        "دکتر-هدیه-جباری-0",
        encoded,
    ])
    func parsesProfileURLsAndSlugs(_ input: String) {
        #expect(DoctorSlug.parse(input) == Self.slug)
    }

    @Test func keepsLatinSlugsAndZeroWidthNonJoiner() {
        #expect(DoctorSlug.parse("dr-ali-rezaei-2") == "dr-ali-rezaei-2")
        #expect(DoctorSlug.parse("دکتر-مهسا\u{200C}سادات-1") == "دکتر-مهسا\u{200C}سادات-1")
    }

    @Test(arguments: [
        "", "   ", "https://evil.example/dr/x/", "https://www.paziresh24.com/", "https://www.paziresh24.com/dr/",
        "https://www.paziresh24.com/dr/a/b/", "https://www.paziresh24.com/consult/", "..", "a/b", "a%2Fb",
        "https://www.paziresh24.com/dr/..%2F..%2Fbooking/", "slug with space", "a?b", "<script>",
        "https://paziresh24.com.evil.example/dr/x/", String(repeating: "a", count: 201),
    ])
    func rejectsEverythingElse(_ input: String) {
        #expect(DoctorSlug.parse(input) == nil)
    }

    @Test func profileURLRoundTrips() {
        let url = DoctorSlug.profileURL(for: Self.slug)
        #expect(url.absoluteString == "https://www.paziresh24.com/dr/\(Self.encoded)/")
        #expect(DoctorSlug.parse(url.absoluteString) == Self.slug)
    }
}
