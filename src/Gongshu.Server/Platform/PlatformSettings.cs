namespace Gongshu.Server.Platform;

/// <summary>Where the platform keeps its data and how it is reached; shared by every CLI verb.</summary>
public sealed record PlatformSettings
{
    /// <summary>Folder for the embedded database, keys and uploads.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>A PostgreSQL connection string; empty means the embedded SQLite default.</summary>
    public string? Connection { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5080;

    /// <summary>Largest request body accepted by ordinary endpoints, in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Largest file a collection upload accepts, in bytes (2 GB by default).</summary>
    public long MaxUploadBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How often a running server signs the audit chain head.</summary>
    public TimeSpan AuditCheckpointPeriod { get; init; } = TimeSpan.FromMinutes(1);

    public string Url => $"http://{(Host is "0.0.0.0" or "*" ? "127.0.0.1" : Host)}:{Port}";
}
