import Foundation
import ScraperCore

exit(await ScraperApp.main())
