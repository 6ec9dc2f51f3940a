using Hyperscape.Host.Persistence;

namespace Hyperscape.Tests.Persistence;

[TestFixture]
public sealed class PostgresOwnershipTests() : OwnershipContractTests(DatabaseEngine.Postgres);
