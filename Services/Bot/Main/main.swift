import BotCore
import Foundation

exit(await BotApp.main())
