using System.Globalization;
using System.Text;
using Gongshu.Identifiers;
using Gongshu.Storage;

namespace Gongshu.Bench;

/// <summary>
/// A 10-column table of the kind departments load: Chinese names and addresses, dates,
/// amounts, ID numbers. Rows come from a pool of distinct generated rows, cycled, so the
/// generator costs almost nothing next to the writes being measured.
/// </summary>
internal sealed class BenchData
{
    public static readonly DatasetColumn[] Columns =
    [
        new("id_number", FieldType.Character, 18),
        new("name", FieldType.Character, 40),
        new("sex", FieldType.Character, 1),
        new("birth_date", FieldType.Date),
        new("phone", FieldType.Character, 11),
        new("address", FieldType.Character, 200),
        new("employer", FieldType.Character, 100),
        new("monthly_income", FieldType.Currency),
        new("registered_at", FieldType.DateTime),
        new("household_size", FieldType.Integer),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "欧阳", "诸葛"];
    private static readonly string[] Given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "浩然", "梓涵"];
    private static readonly (string Code, string Name)[] Counties =
    [
        ("330102", "浙江省杭州市上城区"), ("330105", "浙江省杭州市拱墅区"), ("330106", "浙江省杭州市西湖区"),
        ("330108", "浙江省杭州市滨江区"), ("330110", "浙江省杭州市余杭区"), ("330203", "浙江省宁波市海曙区"),
        ("330212", "浙江省宁波市鄞州区"), ("330281", "浙江省宁波市余姚市"),
    ];

    private static readonly string[] Streets = ["文三路", "天目山路", "延安路", "解放路", "中山东路", "钱江路", "江南大道", "学院路"];
    private static readonly string[] Employers = ["杭州市数据资源管理局", "浙江某某科技有限公司", "宁波港集团", "西湖区人民医院", "个体经营", "杭州市第二中学"];

    private readonly object?[][] _pool;

    public BenchData(int poolSize = 65_536, int seed = 20261123)
    {
        var random = new Random(seed);
        _pool = new object?[poolSize][];
        for (var i = 0; i < poolSize; i++)
        {
            var (code, county) = Counties[random.Next(Counties.Length)];
            var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 65));
            var sequence = random.Next(0, 1000);
            _pool[i] =
            [
                IdentityNumber.Create(code, birth, sequence),
                Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)],
                sequence % 2 == 1 ? "1" : "2",
                birth,
                "1" + random.Next(3, 10) + random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture),
                $"{county}{Streets[random.Next(Streets.Length)]}{random.Next(1, 999)}号",
                Employers[random.Next(Employers.Length)],
                Math.Round((decimal)(random.NextDouble() * 30000), 2),
                new DateTime(2020, 1, 1).AddSeconds(random.Next(0, 150_000_000)),
                (long)random.Next(1, 7),
            ];
        }
    }

    public object?[] Row(long index) => _pool[index % _pool.Length];

    /// <summary>Writes the same rows as CSV (the form a psql <c>\copy</c> baseline reads).</summary>
    public async Task WriteCsvAsync(string path, long rows)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync(string.Join(',', Columns.Select(c => c.Name)));
        var line = new StringBuilder(256);
        for (long i = 0; i < rows; i++)
        {
            line.Clear();
            var row = Row(i);
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                line.Append(row[c] switch
                {
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v?.ToString(),
                });
            }

            await writer.WriteLineAsync(line);
        }
    }
}
