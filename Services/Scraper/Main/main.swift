import Foundation
import ScraperApp

exit(await ScraperApp.main())
