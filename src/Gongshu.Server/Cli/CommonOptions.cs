using System.CommandLine;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Cli;

/// <summary>The options every verb that touches storage shares, so they all point at the same platform.</summary>
public static class CommonOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder for the embedded database, keys and uploads",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GONGSHU_DATA") is { Length: > 0 } d ? d : "data",
        Recursive = true,
    };

    public static readonly Option<string?> Db = new("--db")
    {
        Description = "PostgreSQL connection string (\"Host=…;Database=…;Username=…\"); default: embedded SQLite in --data",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GONGSHU_DB"),
        Recursive = true,
    };

    public static readonly Option<int> Port = new("--port")
    {
        Description = "HTTP port to listen on",
        DefaultValueFactory = _ => 5080,
    };

    public static readonly Option<string> Host = new("--host")
    {
        Description = "Address to listen on (127.0.0.1 by default; 0.0.0.0 for every interface)",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public static readonly Option<int> MaxUploadMb = new("--max-upload-mb")
    {
        Description = "Largest file a collection upload accepts, in MB",
        DefaultValueFactory = _ => 2048,
    };

    public static PlatformSettings Settings(ParseResult result) => new()
    {
        DataDirectory = result.GetValue(Data) ?? "data",
        Connection = result.GetValue(Db),
        Port = result.GetValue(Port),
        Host = result.GetValue(Host) ?? "127.0.0.1",
        MaxUploadBytes = Math.Max(1, result.GetValue(MaxUploadMb)) * 1024L * 1024,
    };

    /// <summary>Runs a verb body, turning a user-facing failure into one clear line and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (GongshuException e)
        {
            await Console.Error.WriteLineAsync($"gongshu: {e.Message} [{e.Code}]");
            return 1;
        }
        catch (System.Data.Common.DbException e)
        {
            await Console.Error.WriteLineAsync($"gongshu: the database refused: {e.Message}");
            return 1;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            await Console.Error.WriteLineAsync($"gongshu: {e.Message}");
            return 1;
        }
    }
}
