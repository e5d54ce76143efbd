/// Everything the conversation persists: PostgreSQL in production (`PostgresBotStore`), an actor in
/// unit tests (`InMemoryBotStore` in `BotTestSupport`). One implementation serves every part,
/// because blocking a user or deleting them changes which targets are watched.
public typealias BotStore = UserStore & TargetStore & SubscriptionStore & CheckStore & StatsStore
