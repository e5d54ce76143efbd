import BotApp
import Foundation

exit(await BotApp.main())
