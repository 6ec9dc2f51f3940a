using Hyperscape.Host.Persistence;

namespace Hyperscape.Tests.Persistence;

[TestFixture]
public sealed class SqliteStoreTests() : StoreContractTests(DatabaseEngine.Sqlite);
