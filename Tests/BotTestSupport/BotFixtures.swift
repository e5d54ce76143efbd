import Messaging

/// Doctors and targets for bot tests that need no paziresh24.
public enum BotFixtures {
    /// A doctor.
    public static func doctor(_ slug: String = "dr-sara-ahmadi", name: String = "سارا احمدی") -> DoctorRef {
        DoctorRef(slug: slug, displayName: name, specialty: "قلب")
    }

    /// `count` targets of `doctor` (alternately in person and online), ids `<center>:<service>`;
    /// the online ones' service costs `onlinePriceRial` (nil: no price known).
    public static func targets(of doctor: DoctorRef, count: Int = 2, onlinePriceRial: Int64? = nil) -> [WatchTarget] {
        (0..<count).map { index in
            WatchTarget(
                doctor: doctor,
                center: CenterRef(
                    id: "\(doctor.slug)-c\(index)", name: "مطب \(index)", userCenterId: "uc\(index)", isOnline: index % 2 == 1),
                service: ServiceRef(id: "s\(index)", name: "ویزیت \(index)", freePriceRial: index % 2 == 1 ? onlinePriceRial : nil))
        }
    }
}
