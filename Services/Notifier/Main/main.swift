import Foundation
import NotifierApp

exit(await NotifierApp.main())
