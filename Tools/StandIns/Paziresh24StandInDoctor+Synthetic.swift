import Foundation

extension Paziresh24StandInDoctor {
    /// What `POST /control/doctors/synthetic` takes: `{"count", "groups"? (1), "prefix"? ("syn"),
    /// "city_slug"? ("tehran"), "online"? (true)}`.
    public struct SyntheticBatch: Sendable, Hashable, Codable {
        /// Doctors to make (1…100,000).
        public var count: Int
        /// Specialty groups; doctor `i` is in group `i % groups`.
        public var groups: Int?
        /// Prefix of every slug and id, so batches do not collide.
        public var prefix: String?
        /// The city slug of every doctor.
        public var citySlug: String?
        /// Whether each doctor also has the online-visit center 5532.
        public var online: Bool?

        /// The largest batch accepted.
        public static let maxCount = 100_000

        /// Creates a batch.
        public init(count: Int, groups: Int? = nil, prefix: String? = nil, citySlug: String? = nil, online: Bool? = nil) {
            self.count = count
            self.groups = groups
            self.prefix = prefix
            self.citySlug = citySlug
            self.online = online
        }

        enum CodingKeys: String, CodingKey {
            case count, groups, prefix, online
            case citySlug = "city_slug"
        }

        /// Whether the numbers are in range and the prefix is slug-safe.
        public var isValid: Bool {
            let prefix = self.prefix ?? "syn"
            return (1...Self.maxCount).contains(count) && (1...count).contains(groups ?? 1) && !prefix.isEmpty
                && prefix.utf8.count <= 40
                && prefix.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }

        /// The specialty slug of group `group`: `<prefix>-group-<group>`.
        public func specialtySlug(group: Int) -> String { "\(prefix ?? "syn")-group-\(group)" }

        /// The doctors, deterministic for a batch: doctor `i` (0-based) has slug `<prefix>-dr-<i>`,
        /// display name `پزشک <prefix> <i>`, specialty slug `specialtySlug(group: i % groups)`, an
        /// office center `<prefix>-c-<i>` (service `<prefix>-s-<i>`, user center `<prefix>-uc-<i>`)
        /// and, with `online`, center 5532 (service `<prefix>-os-<i>`, user center `<prefix>-ouc-<i>`).
        public func doctors() -> [Paziresh24StandInDoctor] {
            let prefix = self.prefix ?? "syn"
            let groups = max(1, self.groups ?? 1)
            return (0..<max(0, count)).map { index in
                var centers = [
                    Center(
                        id: "\(prefix)-c-\(index)", name: "مطب \(prefix) \(index)", userCenterId: "\(prefix)-uc-\(index)",
                        city: "تهران", services: [Service(id: "\(prefix)-s-\(index)", name: "ویزیت")])
                ]
                if online ?? true {
                    centers.append(
                        Center(
                            id: "5532", userCenterId: "\(prefix)-ouc-\(index)",
                            services: [Service(id: "\(prefix)-os-\(index)", name: "ویزیت آنلاین")]))
                }
                return Paziresh24StandInDoctor(
                    slug: "\(prefix)-dr-\(index)", id: Paziresh24StandInResponses.pseudoUUID("doctor:\(prefix):\(index)"),
                    name: "پزشک", family: "\(prefix) \(index)", specialty: "گروه \(index % groups)", centers: centers,
                    citySlug: citySlug, specialtySlug: specialtySlug(group: index % groups))
            }
        }
    }
}
