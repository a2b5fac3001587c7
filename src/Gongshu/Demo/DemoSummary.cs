using System.Globalization;
using Gongshu.Directories;

namespace Gongshu.Demo;

/// <summary>
/// A demo sign-in as printed for the person trying the platform. <see cref="TotpSecret"/> (Base32)
/// and <see cref="TotpUri"/> are null for the public user, who signs in with the password alone.
/// </summary>
public sealed record DemoAccount(
    string Username,
    string DisplayName,
    string Organization,
    Role Role,
    string Password,
    string? TotpSecret,
    string? TotpUri);

/// <summary>A demo dataset, the rows of its current version, and the code of the catalog resource that describes it (<see cref="DemoLinks"/>).</summary>
public sealed record DemoDataset(string ResourceKey, string Title, long RowCount, string? CatalogCode = null);

/// <summary>The catalog's resources by the state the demo leaves them in (see <see cref="DemoCatalog.StateOf"/>).</summary>
public sealed class DemoCatalogSummary(IReadOnlyDictionary<DemoResourceState, int> byState)
{
    public IReadOnlyDictionary<DemoResourceState, int> ByState { get; } = byState;

    public int Total => ByState.Values.Sum();

    public int Count(DemoResourceState state) => ByState.GetValueOrDefault(state);
}

/// <summary>What the demo platform holds, read back from the database: the same on every run.</summary>
public sealed class DemoSummary(
    DateTimeOffset seededAt, IReadOnlyList<DemoAccount> accounts, IReadOnlyList<DemoDataset> datasets, DemoCatalogSummary? catalog = null)
{
    public DateTimeOffset SeededAt { get; } = seededAt;

    public IReadOnlyList<DemoAccount> Accounts { get; } = accounts;

    public IReadOnlyList<DemoDataset> Datasets { get; } = datasets;

    /// <summary>The catalog by state; empty when it was not seeded.</summary>
    public DemoCatalogSummary Catalog { get; } = catalog ?? new DemoCatalogSummary(new Dictionary<DemoResourceState, int>());

    /// <summary>
    /// Prints the accounts as a table for the console, secrets included: the demo exists to be
    /// signed in to, and its passwords are public anyway.
    /// </summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"Gongshu 演示平台 demo platform, seeded {SeededAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        output.WriteLine();

        string[] header = ["用户名 Username", "密码 Password", "角色 Role", "单位 Organization", "TOTP 密钥 Secret"];
        var rows = Accounts.Select(a => new[]
        {
            a.Username, a.Password, $"{a.Role.ChineseName()} {EnglishName(a.Role)}", a.Organization, a.TotpSecret ?? "(不需要 not needed)",
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => DisplayWidth(r[i])).Append(DisplayWidth(h)).Max()).ToArray();
        WriteRow(output, header, widths);
        WriteRow(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }

        output.WriteLine();
        output.WriteLine("Sign in with the username, the password and the 6-digit code for the TOTP secret: add the secret");
        output.WriteLine("to any authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP, …), or run");
        output.WriteLine("    oathtool --totp -b SECRET");
        output.WriteLine("登录时输入用户名、密码和动态口令：把 TOTP 密钥添加到任一身份验证器应用，或运行上面的 oathtool 命令。");
        output.WriteLine();
        foreach (var dataset in Datasets)
        {
            output.WriteLine(string.Create(culture, $"Dataset {dataset.ResourceKey} {dataset.Title}: {dataset.RowCount:N0} rows")
                + (dataset.CatalogCode is { } code ? $", catalog resource 目录 {code}" : ""));
        }

        if (Catalog.Total > 0)
        {
            output.WriteLine(string.Create(culture,
                $"Catalog 目录: {Catalog.Total} resources: {Catalog.Count(DemoResourceState.Published) + Catalog.Count(DemoResourceState.ChangeUnderReview)} published 已发布 "
                + $"({Catalog.Count(DemoResourceState.ChangeUnderReview)} with a change 变更 under way), "
                + $"{Catalog.Count(DemoResourceState.Submitted)} submitted 待审核, {Catalog.Count(DemoResourceState.Returned)} returned 退回修改, "
                + $"{Catalog.Count(DemoResourceState.Draft)} drafts 草稿, {Catalog.Count(DemoResourceState.Retired)} retired 已下架."));
            output.WriteLine("Review the queue as admin.dsj; provider.gat and provider.scjg edit their departments' resources.");
        }

        output.WriteLine("These passwords are public: never seed the demo on a platform that holds real data.");
    }

    public static string EnglishName(Role role) => role switch
    {
        Role.PlatformAdmin => "Platform admin",
        Role.ProviderAdmin => "Provider admin",
        Role.Consumer => "Consumer",
        Role.Auditor => "Auditor",
        Role.Public => "Public",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var line = string.Concat(cells.Select((c, i) => i == cells.Count - 1 ? c : c + new string(' ', widths[i] - DisplayWidth(c) + 2)));
        output.WriteLine(line);
    }

    // Chinese characters take two terminal columns; padding by string length would skew the table.
    private static int DisplayWidth(string text) => text.Sum(c => c switch
    {
        >= '\u1100' and <= '\u115f' or >= '\u2e80' and <= '\ua4cf' or >= '\uac00' and <= '\ud7a3'
            or >= '\uf900' and <= '\ufaff' or >= '\ufe30' and <= '\ufe4f' or >= '\uff00' and <= '\uff60' or >= '\uffe0' and <= '\uffe6' => 2,
        _ => 1,
    });
}
