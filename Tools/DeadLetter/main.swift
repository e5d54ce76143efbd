import DeadLetterTool
import Foundation

exit(await DeadLetterApp.main())
