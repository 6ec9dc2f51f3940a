using Hyperscape.Host.Persistence;

namespace Hyperscape.Tests.Persistence;

[TestFixture]
public sealed class SqliteOwnershipTests() : OwnershipContractTests(DatabaseEngine.Sqlite);
