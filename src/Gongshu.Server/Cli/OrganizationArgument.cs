using System.Globalization;
using Dapper;
using Gongshu.Directories;
using Gongshu.Server.Platform;
using Gongshu.Storage;

namespace Gongshu.Server.Cli;

/// <summary>
/// How the CLI names an organization: a region's six-digit division code (<c>330100</c>), an
/// organization id (<c>id:12</c> or a short number), or its exact full name (<c>浙江省公安厅</c>).
/// </summary>
public static class OrganizationArgument
{
    public static async Task<Organization> ResolveAsync(PlatformServices platform, string text, CancellationToken ct)
    {
        text = text.Trim();
        if (text.Length == 6 && text.All(char.IsAsciiDigit) && await platform.Organizations.FindRegionAsync(text, ct) is { } region)
        {
            return region;
        }

        var idText = text.StartsWith("id:", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && await platform.Organizations.FindAsync(id, ct) is { } byId)
        {
            return byId;
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await platform.Database.OpenConnectionAsync(ct);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM organizations WHERE name = @text", new { text }, cancellationToken: ct))).ToList();
        return ids.Count switch
        {
            1 => await platform.Organizations.GetAsync(ids[0], ct),
            0 => throw GongshuException.NotFound($"Organization '{text}' (give a division code, an id or the exact name)", "organization_not_found"),
            _ => throw GongshuException.Invalid("org", $"{ids.Count} organizations are named '{text}'; give its id instead ({string.Join(", ", ids.Select(i => $"id:{i}"))}).", "organization_ambiguous"),
        };
    }
}
