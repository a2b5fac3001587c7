using System.CommandLine;
using Gongshu.Directories;
using Gongshu.Security.Encryption;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Cli;

/// <summary>
/// <c>gongshu keys status|rotate</c>: the field encryption keys (SM4) that protect L4 fields at
/// rest. Opening the platform already refuses to go on with a missing or wrong key.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var status = new Command("status", "List the field encryption keys, their states, and whether the keyring holds each");
        status.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            foreach (var key in await platform.FieldEncryption.StatusAsync(ct))
            {
                Console.WriteLine(key.Describe());
            }

            Console.WriteLine($"Keys are read from {platform.FieldEncryption.Keyring.Source}.");
            return 0;
        }));

        var rotate = new Command("rotate",
            "Make a new field key active and re-encrypt every stored value with it. Safe to interrupt: run it again to carry on.");
        rotate.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            var progress = new Progress<RotationProgress>(p =>
            {
                if (!Console.IsErrorRedirected)
                {
                    Console.Error.Write($"\r{p.TableName}: {p.ValuesReencrypted:N0} values re-encrypted…");
                }
            });
            var rotation = await new FieldKeyRotation(platform.FieldEncryption, platform.Clock).RotateAsync(progress, ct);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.WriteLine();
            }

            await platform.AuditLog.AppendAsync(Actor.System.Entry("security.keys.rotated", $"field-key:{rotation.ActiveKeyId}",
                rotation.NotFinishedBecause is null ? Gongshu.Audit.AuditOutcome.Success : Gongshu.Audit.AuditOutcome.Failed,
                new { active = rotation.ActiveKeyId, resumed = rotation.Resumed, reencrypted = rotation.ValuesReencrypted, retired = rotation.RetiredKeys, rotation.NotFinishedBecause }), ct);
            Console.WriteLine($"{(rotation.Resumed ? "Resumed the rotation to" : "Rotated to")} field key {rotation.ActiveKeyId}: {rotation.ValuesReencrypted:N0} values re-encrypted.");
            if (rotation.NotFinishedBecause is { } reason)
            {
                Console.WriteLine($"Not finished: {reason}");
                return 1;
            }

            Console.WriteLine(rotation.RetiredKeys.Count == 0
                ? "No older key needed retiring."
                : $"Retired key(s) {string.Join(", ", rotation.RetiredKeys)}: no stored value needs them any more. Keep a backup of them with the database backups that still do.");
            return 0;
        }));

        var keys = new Command("keys", "The field encryption keys (SM4) of L4 data at rest");
        keys.Subcommands.Add(status);
        keys.Subcommands.Add(rotate);
        return keys;
    }
}
