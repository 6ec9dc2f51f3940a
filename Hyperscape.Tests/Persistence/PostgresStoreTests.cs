using Hyperscape.Host.Persistence;

namespace Hyperscape.Tests.Persistence;

[TestFixture]
public sealed class PostgresStoreTests() : StoreContractTests(DatabaseEngine.Postgres);
