namespace Hyperscape.Host.Persistence.Rows;

/// <summary>A <c>users</c> row as Dapper reads it.</summary>
internal sealed class AccountRow
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? PrivyUserId { get; set; }

    public long? FarcasterFid { get; set; }

    public string? Wallet { get; set; }

    public DateTime CreatedAt { get; set; }

    public Ecs.Persistence.AccountRecord ToRecord() =>
        new(Id, Name, PrivyUserId, FarcasterFid, Wallet, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
}
