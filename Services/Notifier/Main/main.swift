import Foundation
import NotifierCore

exit(await NotifierApp.main())
