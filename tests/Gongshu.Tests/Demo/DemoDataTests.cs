using System.Text.RegularExpressions;
using Gongshu.Demo;
using Gongshu.Directories;
using Gongshu.Identifiers;
using Xunit;

namespace Gongshu.Tests.Demo;

public partial class DemoDataTests
{
    private static int Column(IEnumerable<Gongshu.Storage.DatasetColumn> columns, string name)
        => columns.Select(c => c.Name).ToList().IndexOf(name);

    [Fact]
    public void People_have_valid_unique_identity_numbers_that_agree_with_sex_birth_date_and_county()
    {
        var c = DemoPeople.Columns;
        var people = DemoPeople.Generate(DemoSeeder.PeopleCount).ToList();

        Assert.Equal(DemoSeeder.PeopleCount, people.Count);
        Assert.Equal(people.Count, people.Select(p => p[Column(c, "id_number")]).Distinct().Count());
        foreach (var person in people)
        {
            var id = (string)person[Column(c, "id_number")]!;
            var county = (string)person[Column(c, "division_code")]!;
            Assert.True(IdentityNumber.IsValid(id), id);
            Assert.Equal((id[16] - '0') % 2 == 1 ? "男" : "女", person[Column(c, "sex")]);
            Assert.True(IdentityNumber.TryBirthDate(id, out var birth));
            Assert.Equal(birth, person[Column(c, "birth_date")]);
            Assert.InRange(DemoPeople.ReferenceDate.Year - birth.Year, 17, 86);
            Assert.StartsWith(county, id, StringComparison.Ordinal);
            Assert.Equal((DivisionLevel.County, "330000"), (Divisions.Standard.Get(county).Level, Divisions.Standard.Get(county).ProvinceCode));
            Assert.StartsWith(Divisions.Standard.FullName(county), (string)person[Column(c, "address")]!, StringComparison.Ordinal);
            Assert.Matches(Mobile(), (string)person[Column(c, "mobile")]!);
            Assert.InRange(((string)person[Column(c, "name")]!).Length, 2, 4);
        }
    }

    [Fact]
    public void Enterprises_have_valid_unique_credit_codes_of_their_county_and_unique_names()
    {
        var c = DemoEnterprises.Columns;
        var companies = DemoEnterprises.Generate(DemoSeeder.EnterpriseCount).ToList();

        Assert.Equal(companies.Count, companies.Select(e => e[Column(c, "credit_code")]).Distinct().Count());
        Assert.Equal(companies.Count, companies.Select(e => e[Column(c, "name")]).Distinct().Count());
        foreach (var company in companies)
        {
            var code = (string)company[Column(c, "credit_code")]!;
            var county = (string)company[Column(c, "division_code")]!;
            Assert.True(CreditCode.IsValid(code), code);
            Assert.Equal("91" + county, code[..8]);
            Assert.Contains(Divisions.Standard.Get(county).ParentCode, new[] { "330100", "330200" });
            Assert.EndsWith("有限公司", (string)company[Column(c, "name")]!, StringComparison.Ordinal);
            Assert.True((decimal)company[Column(c, "registered_capital")]! > 0);
            Assert.InRange((DateOnly)company[Column(c, "established_on")]!, new DateOnly(1995, 1, 1), DemoPeople.ReferenceDate);
            Assert.StartsWith(Divisions.Standard.FullName(county), (string)company[Column(c, "address")]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        Assert.Equal(DemoPeople.Generate(200, seed: 7), DemoPeople.Generate(200, seed: 7));
        Assert.NotEqual(DemoPeople.Generate(200, seed: 7), DemoPeople.Generate(200, seed: 8));
        Assert.Equal(DemoEnterprises.Generate(200, seed: 7), DemoEnterprises.Generate(200, seed: 7));
        Assert.NotEqual(DemoEnterprises.Generate(200, seed: 7), DemoEnterprises.Generate(200, seed: 8));
    }

    [Fact]
    public void Demo_passwords_meet_the_password_rules_and_department_codes_are_valid()
    {
        Assert.All(DemoDirectory.Users, u => Passwords.EnsureStrong(u.Password, u.Username));
        Assert.All(DemoDirectory.Departments, d => Assert.True(CreditCode.IsValid(d.CreditCode), d.CreditCode));
        Assert.Equal(DemoDirectory.Departments.Count, DemoDirectory.Departments.Select(d => d.CreditCode).Distinct().Count());
    }

    [Fact]
    public void The_printed_table_aligns_its_columns_and_says_how_to_get_a_code()
    {
        var summary = new DemoSummary(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero),
        [
            new("admin.dsj", "陈晓东", "浙江省大数据发展管理局", Role.PlatformAdmin, "Demo#2026-admin", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "otpauth://…"),
            new("citizen", "林小雨", "浙江省", Role.Public, "Demo#2026-public", null, null),
        ],
        [new("demo.people", "人口基础信息（演示）", 10_000)]);
        var output = new StringWriter();

        summary.Print(output);

        var lines = output.ToString().Split(Environment.NewLine);
        var header = Array.FindIndex(lines, l => l.StartsWith("用户名", StringComparison.Ordinal));
        var table = lines.Skip(header).Take(4).ToList();
        Assert.Contains("平台管理员 Platform admin", table[2], StringComparison.Ordinal);
        Assert.Contains("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", table[2], StringComparison.Ordinal);
        Assert.Contains("社会公众 Public", table[3], StringComparison.Ordinal);

        // Each column starts at the same terminal column on every line (Chinese characters are two wide).
        var passwordColumn = Width(table[0][..table[0].IndexOf("密码", StringComparison.Ordinal)]);
        Assert.Equal(passwordColumn, Width(table[2][..table[2].IndexOf("Demo#", StringComparison.Ordinal)]));
        var secretColumn = Width(table[0][..table[0].IndexOf("TOTP", StringComparison.Ordinal)]);
        Assert.Equal(secretColumn, Width(table[2][..table[2].IndexOf("JBSWY", StringComparison.Ordinal)]));
        Assert.Contains("oathtool --totp -b SECRET", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("demo.people", output.ToString(), StringComparison.Ordinal);
    }

    private static int Width(string text) => text.Sum(ch => ch >= '\u2e80' ? 2 : 1);

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();
}
