import Foundation
import Messaging
import StandIns

/// One synthetic doctor with one (center, service): a watch target the stand-in knows.
struct SyntheticTarget: Sendable, Hashable {
    let index: Int
    let slug: String
    let centerId: String
    let serviceId: String
    let userCenterId: String

    init(index: Int, prefix: String) {
        self.index = index
        slug = "\(prefix)-dr-\(index)"
        centerId = String(800_000 + index)
        serviceId = "\(prefix)-svc-\(index)"
        userCenterId = "\(prefix)-uc-\(index)"
    }

    /// `<center>:<service>`: the Kafka key and the stand-in's target key.
    var id: String { WatchTarget.id(centerId: centerId, serviceId: serviceId) }

    /// The target as the bot would publish it.
    var watchTarget: WatchTarget {
        WatchTarget(
            doctor: DoctorRef(slug: slug, displayName: "Dr \(index)", specialty: nil),
            center: CenterRef(id: centerId, name: "clinic \(index)", userCenterId: userCenterId, isOnline: false),
            service: ServiceRef(id: serviceId, name: "visit"))
    }

    /// The doctor as the stand-in's control API takes it.
    var doctor: Paziresh24StandInDoctor {
        Paziresh24StandInDoctor(
            slug: slug, name: "Dr", family: String(index),
            centers: [
                .init(id: centerId, name: "clinic \(index)", userCenterId: userCenterId, services: [.init(id: serviceId, name: "visit")])
            ])
    }

    /// A slot scenario for this target (`mode` add/replace).
    func slots(_ starts: [Int], freeDays: [Int]? = nil, mode: Paziresh24SlotScenario.Mode = .replace) -> Paziresh24SlotScenario {
        Paziresh24SlotScenario(
            centerId: centerId, serviceId: serviceId, userCenterId: userCenterId, slots: starts.map { .init(start: $0) },
            mode: mode, freeDays: freeDays)
    }
}
