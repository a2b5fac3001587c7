using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gongshu.Directories;

namespace Gongshu.Demo;

/// <summary>A department of the demo platform, under the region of <paramref name="RegionCode"/>.</summary>
public sealed record DemoDepartment(string RegionCode, string ShortCode, string Name)
{
    /// <summary>
    /// A valid 统一社会信用代码 for a government organ (11: 机构编制, 机关), derived from the name so
    /// that every platform seeded with the demo shows the same codes.
    /// </summary>
    public string CreditCode
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Name));
            var digits = (BitConverter.ToUInt32(hash, 0) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            return Identifiers.CreditCode.Create('1', '1', RegionCode, "00" + digits);
        }
    }
}

/// <summary>One demo sign-in. The password is public: it is printed and documented.</summary>
public sealed record DemoUser(string Username, string DisplayName, Role Role, string Password, string RegionCode, string? DepartmentShortCode);

/// <summary>What the demo platform holds: the regions, departments and accounts it creates.</summary>
public static class DemoDirectory
{
    public const string Province = "330000";
    public const string Hangzhou = "330100";
    public const string Ningbo = "330200";
    public const string Xihu = "330106";
    public const string Yinzhou = "330212";

    /// <summary>浙江省, then 杭州市 and 宁波市 each followed by its districts and counties: parents before children.</summary>
    public static IReadOnlyList<string> Regions { get; } =
        [Province, Hangzhou, .. DemoAddresses.CountiesOf(Hangzhou), Ningbo, .. DemoAddresses.CountiesOf(Ningbo)];

    public static IReadOnlyList<DemoDepartment> Departments { get; } =
    [
        new(Province, "dsj", "浙江省大数据发展管理局"),
        new(Province, "gat", "浙江省公安厅"),
        new(Province, "scjgj", "浙江省市场监督管理局"),
        new(Province, "rlsbt", "浙江省人力资源和社会保障厅"),
        new(Province, "wjw", "浙江省卫生健康委员会"),
        new(Province, "mzt", "浙江省民政厅"),
        new(Province, "zrzyt", "浙江省自然资源厅"),
        new(Province, "jyt", "浙江省教育厅"),
        new(Province, "ybj", "浙江省医疗保障局"),
        new(Province, "jtyst", "浙江省交通运输厅"),
        new(Province, "sthjt", "浙江省生态环境厅"),
        new(Hangzhou, "sjzyj", "杭州市数据资源管理局"),
        new(Hangzhou, "gaj", "杭州市公安局"),
        new(Hangzhou, "scjgj", "杭州市市场监督管理局"),
        new(Hangzhou, "tjj", "杭州市统计局"),
        new(Hangzhou, "rlsbj", "杭州市人力资源和社会保障局"),
        new(Hangzhou, "sthjj", "杭州市生态环境局"),
        new(Hangzhou, "jtysj", "杭州市交通运输局"),
        new(Hangzhou, "jyj", "杭州市教育局"),
        new(Hangzhou, "wjw", "杭州市卫生健康委员会"),
        new(Ningbo, "dsjzx", "宁波市大数据发展管理中心"),
        new(Ningbo, "wjw", "宁波市卫生健康委员会"),
        new(Ningbo, "tjj", "宁波市统计局"),
        new(Ningbo, "scjgj", "宁波市市场监督管理局"),
        new(Ningbo, "rlsbj", "宁波市人力资源和社会保障局"),
        new(Ningbo, "sthjj", "宁波市生态环境局"),
        new(Ningbo, "jtysj", "宁波市交通运输局"),
        new(Ningbo, "jyj", "宁波市教育局"),
        new(Xihu, "sjzyj", "杭州市西湖区数据资源管理局"),
        new(Xihu, "wjj", "杭州市西湖区卫生健康局"),
        new(Yinzhou, "wjj", "宁波市鄞州区卫生健康局"),
    ];

    /// <summary>One account per role, plus a second provider so that "only its own data" can be shown.</summary>
    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("admin.dsj", "陈晓东", Role.PlatformAdmin, "Demo#2026-admin", Province, "dsj"),
        new("provider.gat", "李卫国", Role.ProviderAdmin, "Demo#2026-provider", Province, "gat"),
        new("provider.scjg", "周丽华", Role.ProviderAdmin, "Demo#2026-market", Province, "scjgj"),
        new("consumer.hz", "王思远", Role.Consumer, "Demo#2026-consumer", Hangzhou, "sjzyj"),
        new("auditor.dsj", "赵静", Role.Auditor, "Demo#2026-auditor", Province, "dsj"),

        // Every user belongs to an organization; a member of the public is placed at the province.
        new("citizen", "林小雨", Role.Public, "Demo#2026-public", Province, null),
    ];
}
