using Gongshu.Security.Encryption;
using Gongshu.Storage;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Xunit;
using static Gongshu.Tests.Cli.CliTests;

namespace Gongshu.Tests.Cli;

/// <summary><c>gongshu keys</c> and what the platform does at start with a missing or wrong field key.</summary>
public sealed class KeysCliTests
{
    [Theory, AllDatabases]
    public async Task Rotate_re_encrypts_L4_data_and_a_start_with_a_missing_or_wrong_key_is_refused_with_a_clear_message(DatabaseKind kind)
    {
        await using var platform = await IngestCliTests.Platform.CreateAsync(kind);
        var file = Path.Combine(platform.Data, "people.csv");
        await File.WriteAllBytesAsync(file, EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(40)));
        Assert.Equal(0, (await GongshuAsync(null, ["ingest", platform.Code, file, "--as", "gat.provider", .. platform.Options])).ExitCode);

        var rotate = await GongshuAsync(null, ["keys", "rotate", .. platform.Options]);

        Assert.True(rotate.ExitCode == 0, rotate.Error);
        Assert.Contains("Rotated to field key 2: 80 values re-encrypted.", rotate.Output, StringComparison.Ordinal);
        Assert.Contains("Retired key(s) 1", rotate.Output, StringComparison.Ordinal);
        var status = await GongshuAsync(null, ["keys", "status", .. platform.Options]);
        Assert.Contains("key 1: retired", status.Output, StringComparison.Ordinal);
        Assert.Contains("key 2: active", status.Output, StringComparison.Ordinal);

        var keyFile = Path.Combine(platform.Data, "keys", FieldKeyring.FileName);
        var keys = await File.ReadAllTextAsync(keyFile);
        await File.WriteAllTextAsync(keyFile, "2 " + Convert.ToHexStringLower(FieldCipherTests.Key(3)) + "\n");
        var wrong = await GongshuAsync(null, ["keys", "status", .. platform.Options]);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("[field_key_wrong]", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("will not start", wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(FieldCipherTests.Key(3)), wrong.Error, StringComparison.Ordinal);

        File.Delete(keyFile);
        var missing = await GongshuAsync(null, ["serve", "--port", "0", .. platform.Options]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("[field_key_missing]", missing.Error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(keyFile, keys);
        Assert.Equal(0, (await GongshuAsync(null, ["keys", "status", .. platform.Options])).ExitCode);
    }
}
