using System.Globalization;
using System.Text;
using Gongshu.Directories;
using Gongshu.Identifiers;
using Gongshu.Security;

namespace Gongshu.Demo;

/// <summary>One value of a corpus column and what it really is: a mistyped ID number is no ID number.</summary>
public readonly record struct SensitiveSample(string Value, SensitiveType Expected);

/// <summary>
/// One corpus column: the generator it came from (<see cref="Kind"/>), the field name and label a
/// provider gave it (sometimes misleading), what the field as a whole holds, and its values.
/// </summary>
public sealed record SensitiveColumn(string Kind, string Name, string Label, SensitiveType Expected, IReadOnlyList<SensitiveSample> Values);

/// <summary>
/// Columns as government datasets hold them, for measuring sensitive-field detection: every
/// sensitive type (in several spellings and with field names good, bad and missing) and the
/// columns most easily taken for one (order numbers, landlines, division codes, company and
/// product names, remarks, statuses, URLs, licence numbers, hashes …). Real-world noise is part of
/// it: blanks, placeholders (无, -), typos and wrong check digits, full-width digits, padding,
/// lower case. Each column and each value carries its truth. The same seed gives the same corpus.
/// </summary>
public static class SensitiveCorpus
{
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string PlateLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string GivenCharacters = "伟强磊军洋勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林建国志文博立新海峰晨阳芳娜敏静丽艳娟霞秀燕玲丹萍红琳雪婷颖慧莉倩晶欣怡佳梦雨涵诗琪悦蕾洁琴子晓一思嘉可语若天安家宏春秋";

    private static readonly double[] BlankRates = [0, 0, 0, 0.02, 0.05, 0.1, 0.3];
    private static readonly string[] Placeholders = ["无", "-", "/", "不详", "NULL", "暂无", "—", "0"];

    private static readonly Lazy<string[]> ZhejiangCounties = new(() => DemoAddresses.CountiesOf("330000"));
    private static readonly Lazy<string[]> AllCounties = new(() => [.. Divisions.Standard.Provinces.SelectMany(p => DemoAddresses.CountiesOf(p.Code))]);
    private static readonly Lazy<string[]> AllDivisionCodes = new(() =>
        [.. Divisions.Standard.Provinces.SelectMany(p => Divisions.Standard.Children(p.Code).Prepend(p)).Select(d => d.Code).Concat(AllCounties.Value).Distinct()]);

    private static readonly Kind[] AllKinds = BuildKinds();

    /// <summary>The generators, each with the type its columns hold (<see cref="SensitiveType.None"/> for look-alikes).</summary>
    public static IReadOnlyList<(string Kind, SensitiveType Expected)> Kinds { get; } = [.. AllKinds.Select(k => (k.Code, k.Expected))];

    /// <summary>
    /// <paramref name="columnsPerKind"/> columns of each kind (so every sensitive type and every
    /// look-alike is equally represented), each of <paramref name="rows"/> values.
    /// </summary>
    public static IEnumerable<SensitiveColumn> Generate(int columnsPerKind = 20, int rows = 200, int seed = 2026)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columnsPerKind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var random = new Random(seed);
        foreach (var kind in AllKinds)
        {
            for (var i = 0; i < columnsPerKind; i++)
            {
                yield return Column(kind, kind.Headers[i % kind.Headers.Length], rows, new Random(random.Next()));
            }
        }
    }

    private static SensitiveColumn Column(Kind kind, Header header, int rows, Random random)
    {
        var blanks = BlankRates[random.Next(BlankRates.Length)];
        var placeholders = random.Next(3) == 0 ? random.NextDouble() * 0.03 : 0;
        var typos = kind.Corrupt is null ? 0 : random.NextDouble() * 0.05;
        var messy = random.Next(2) == 0 ? random.NextDouble() * 0.15 : 0;
        var values = new List<SensitiveSample>(rows);
        for (var row = 0; row < rows; row++)
        {
            var draw = random.NextDouble();
            SensitiveSample sample;
            if (draw < blanks)
            {
                sample = new(random.Next(4) == 0 ? " " : "", SensitiveType.None);
            }
            else if (draw < blanks + placeholders)
            {
                sample = new(Pick(random, Placeholders), SensitiveType.None);
            }
            else
            {
                sample = kind.Next(random, header.Flavor);
                if (kind.Corrupt is { } corrupt && sample.Expected != SensitiveType.None && random.NextDouble() < typos)
                {
                    sample = new(corrupt(random, sample.Value), SensitiveType.None);
                }

                if (random.NextDouble() < messy)
                {
                    sample = sample with { Value = Mess(random, sample.Value) };
                }
            }

            values.Add(sample);
        }

        return new SensitiveColumn(kind.Code, header.Name, header.Label, kind.Expected, values);
    }

    /// <summary>What copying between systems does to a value without changing what it is.</summary>
    private static string Mess(Random random, string value) => random.Next(4) switch
    {
        0 => FullWidth(value),
        1 => value.ToLowerInvariant(),
        2 => " " + value + "  ",
        _ => "\t" + value + "\u3000",
    };

    private static string FullWidth(string value)
        => string.Create(value.Length, value, (span, v) =>
        {
            for (var i = 0; i < v.Length; i++)
            {
                span[i] = v[i] is > ' ' and <= '~' ? (char)(v[i] + 0xFEE0) : v[i];
            }
        });

    private static Kind[] BuildKinds() =>
    [
        new("identity_number", SensitiveType.IdentityNumber,
            [new("id_number", "身份证号"), new("sfzh", "公民身份号码"), new("zjhm", "证件号码", 1), new("holderIdNo", "持证人身份证号"),
                new("code", "编号"), new("col_7", ""), new("gmsfhm", "公民身份号码", 2)],
            (r, flavor) => flavor switch
            {
                // 证件号码 fields hold the odd passport; old registers the odd 15-digit number.
                1 when r.Next(10) == 0 => new(PassportNumber(r), SensitiveType.PassportNumber),
                2 when r.Next(10) == 0 => new(LegacyIdentityNumber(r), SensitiveType.IdentityNumber),
                _ => new(IdentityNumberOf(r), SensitiveType.IdentityNumber),
            },
            CorruptIdentityNumber),
        new("mobile_number", SensitiveType.MobileNumber,
            [new("mobile", "手机号码"), new("sjhm", "手机号"), new("lxdh", "联系电话", 1), new("phone", "联系方式", 1), new("remark", "备注"), new("bz", "备注"), new("tel", "")],
            (r, flavor) => (flavor, r.Next(100)) switch
            {
                (1, < 15) => new(Landline(r), SensitiveType.None),

                // Two numbers in one cell: still personal data, though no single-value rule reads it.
                (1, < 20) => new($"{MobileNumber(r)}{Pick(r, ["/", "、", "，", " "])}{(r.Next(2) == 0 ? MobileNumber(r) : Landline(r))}", SensitiveType.MobileNumber),
                _ => new(MobileNumber(r), SensitiveType.MobileNumber),
            },
            CorruptMobileNumber),
        new("bank_card", SensitiveType.BankCard,
            [new("bank_card", "银行卡号"), new("yhkh", "银行账号"), new("account_no", "收款账号"), new("card", "卡号"), new("ffzh", "补贴发放账号", 1), new("c12", "")],
            (r, flavor) => flavor == 1 && r.Next(10) == 0 ? new(PassbookAccount(r), SensitiveType.None) : new(BankCard(r), SensitiveType.BankCard),
            (r, v) => ReplaceCharacter(r, v, "0123456789", from: 1)),
        new("credit_code", SensitiveType.CreditCode,
            [new("credit_code", "统一社会信用代码"), new("tyshxydm", "统一社会信用代码"), new("uscc", "社会信用代码"), new("org_code", "机构代码"), new("zch", "注册号"), new("dm", "")],
            (r, _) => new(CreditCodeOf(r), SensitiveType.CreditCode),
            (r, v) => ReplaceCharacter(r, v, CodeAlphabet, from: 0)),
        new("email", SensitiveType.Email,
            [new("email", "电子邮箱"), new("yx", "邮箱"), new("contact_email", "联系邮箱"), new("lxfs", "联系方式"), new("mail", "")],
            (r, _) => new(Email(r), SensitiveType.Email),
            CorruptEmail),
        new("person_name", SensitiveType.PersonName,
            [new("name", "姓名"), new("xm", "姓名"), new("legal_representative", "法定代表人"), new("contact", "联系人"), new("applicant", "申请人"),
                new("fzr", "负责人"), new("xm", "姓名", 1), new("c3", ""), new("hzxm", "户主姓名", 2)],
            (r, flavor) => new(PersonName(r, flavor), SensitiveType.PersonName),
            null),
        new("address", SensitiveType.Address,
            [new("address", "住址"), new("zz", "现住址"), new("hjdz", "户籍地址"), new("dz", "地址"), new("jycs", "经营场所"), new("reg_address", "注册地址"),
                new("location", "所在地"), new("c9", ""), new("zz", "住址", 1)],
            (r, flavor) => new(Address(r, flavor), SensitiveType.Address),
            (r, v) => CutToDivision(v)),
        new("plate_number", SensitiveType.PlateNumber,
            [new("plate_no", "车牌号"), new("hphm", "号牌号码"), new("cph", "车牌号码"), new("vehicle", "车辆"), new("license_plate", "车牌"), new("c5", "")],
            (r, _) => new(PlateNumber(r), SensitiveType.PlateNumber),
            CorruptPlate),
        new("ip_address", SensitiveType.IpAddress,
            [new("ip", "IP地址"), new("client_ip", "访问IP"), new("login_ip", "登录IP"), new("src_addr", "来源地址", 1), new("host", "主机")],
            (r, flavor) => new(flavor == 1 && r.Next(2) == 0 ? $"{IpAddress(r, ipv4: true)}:{r.Next(1024, 65536)}" : IpAddress(r), SensitiveType.IpAddress),
            CorruptIpAddress),
        new("passport_number", SensitiveType.PassportNumber,
            [new("passport_no", "护照号码"), new("hzhm", "护照号"), new("zjhm", "证件号码"), new("cert_no", "出入境证件号"), new("c4", "")],
            (r, _) => new(PassportNumber(r), SensitiveType.PassportNumber),
            (r, v) => r.Next(2) == 0 ? v[..^1] : v + r.Next(10).ToString(CultureInfo.InvariantCulture)),

        None("amount", [new("amount", "金额（元）"), new("je", "补贴金额"), new("registered_capital", "注册资本（万元）")], Amount),
        None("count", [new("count", "数量"), new("rs", "人数"), new("population", "户籍人口")], r => r.Next(r.Next(2) == 0 ? 100 : 100_000).ToString(CultureInfo.InvariantCulture)),
        None("date", [new("date", "日期"), new("fzrq", "发证日期"), new("created_at", "创建时间"), new("birth_date", "出生日期")], Date),
        None("serial_number", [new("order_no", "订单号"), new("lsh", "业务流水号"), new("card_no", "卡号"), new("member_card", "会员卡号"), new("id", "编号")], SerialNumber),
        None("number_11", [new("dah", "档案号"), new("tel", "办公电话"), new("gddh", "固定电话"), new("sjh", "手机号")], ElevenDigits),
        None("landline", [new("office_phone", "办公电话"), new("lxdh", "联系电话"), new("phone", "电话")], Landline),
        None("division_code", [new("xzqh", "行政区划代码"), new("division_code", "区划代码"), new("address_code", "地址编码")], r => Pick(r, AllDivisionCodes.Value)),
        None("enterprise_name", [new("name", "名称"), new("qymc", "企业名称"), new("dwmc", "单位名称"), new("name", "")], EnterpriseName),
        None("product_name", [new("product", "产品名称"), new("spmc", "商品名称"), new("name", "品名")], ProductName),
        None("remark", [new("remark", "备注"), new("bz", "备注"), new("description", "情况说明"), new("opinion", "审核意见")], Remark),
        None("status_code", [new("status", "状态代码"), new("zt", "状态"), new("flag", "标志")], r => Pick(r, ["01", "02", "03", "1", "0", "A", "B", "Y", "N", "99"])),
        None("status_word", [new("result", "检查结果"), new("blzt", "办理状态"), new("djzt", "登记状态"), new("xb", "性别"), new("mz", "民族"), new("xl", "学历"),
            new("zzmm", "政治面貌"), new("hyzk", "婚姻状况"), new("name", "类别")], StatusWord),
        None("place_word", [new("city", "所属地市"), new("ssqx", "所属区县"), new("region", "区域"), new("name", "地区")], PlaceWord),
        None("url", [new("url", "链接"), new("website", "网址"), new("fjdz", "附件地址")], Url),
        None("postcode", [new("postcode", "邮政编码"), new("yzbm", "邮编")], r => Pick(r, ZhejiangCounties.Value)[..4] + r.Next(100).ToString("D2", CultureInfo.InvariantCulture)),
        None("organization_code", [new("zzjgdm", "组织机构代码"), new("org_code", "机构代码")], OrganizationCodeOf),
        None("licence_number", [new("xkzh", "许可证编号"), new("licence_no", "许可证号"), new("zsbh", "证书编号")], LicenceNumber),
        None("hash", [new("md5", "文件摘要"), new("hash", "校验值"), new("sm3", "SM3摘要")], r => Convert.ToHexStringLower(RandomBytes(r, r.Next(3) == 0 ? 16 : 32))),
        None("rate", [new("rate", "占比"), new("zzl", "增长率")], r => (r.Next(10_000) / 100.0).ToString(r.Next(2) == 0 ? "0.##'%'" : "0.00", CultureInfo.InvariantCulture)),
        None("coordinates", [new("lng", "经度"), new("lat", "纬度"), new("location", "坐标")], Coordinates),
        None("time", [new("time", "时间"), new("kfsj", "开放时间")], Time),
        None("vin", [new("vin", "车架号"), new("clsbdh", "车辆识别代号")], Vin),
        None("document_number", [new("wsh", "决定书文号"), new("case_no", "案件编号"), new("standard", "标准号")], DocumentNumber),
        None("department", [new("dept", "科室"), new("bm", "部门"), new("name", "")], r => Pick(r, Departments)),
        None("industry", [new("hy", "所属行业"), new("industry", "行业")], r => Pick(r, Industries)),
        None("venue", [new("cdmc", "场所名称"), new("poi", "地点"), new("address", "服务地点")], r => Pick(r, Venues)),
        None("community", [new("sscs", "所属村社"), new("village", "行政村"), new("name", "社区名称")], Community),
        None("job_title", [new("zw", "职务"), new("title", "职称"), new("position", "岗位")], r => Pick(r, JobTitles)),
    ];

    private static Kind None(string code, Header[] headers, Func<Random, string> next)
        => new(code, SensitiveType.None, headers, (r, _) => new(next(r), SensitiveType.None), null);

    // ---- sensitive values ----

    private static string IdentityNumberOf(Random r)
        => IdentityNumber.Create(County(r), new DateOnly(1935, 1, 1).AddDays(r.Next(85 * 365)), r.Next(1000));

    /// <summary>Issued before 1999: 15 digits, two-digit year, no check character.</summary>
    private static string LegacyIdentityNumber(Random r)
        => $"{County(r)}{new DateOnly(1935, 1, 1).AddDays(r.Next(60 * 365)):yyMMdd}{r.Next(1000):D3}";

    private static string County(Random r) => r.Next(10) < 7 ? Pick(r, ZhejiangCounties.Value) : Pick(r, AllCounties.Value);

    /// <summary>A wrong check character, one mistyped digit (either breaks GB 11643's check) or one digit lost.</summary>
    private static string CorruptIdentityNumber(Random r, string value) => (value.Length, r.Next(3)) switch
    {
        (18, 0) => value[..17] + Pick(r, "0123456789X".Replace(value[17].ToString(), "", StringComparison.Ordinal)),
        (18, 1) => ReplaceCharacter(r, value[..17], "0123456789", from: 0) + value[17],
        _ => value.Remove(r.Next(value.Length), 1),
    };

    // Prefixes the carriers hand out, 14x data-only cards included.
    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151", "152", "153", "155", "156", "157",
        "158", "159", "162", "165", "166", "167", "170", "171", "172", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
        "185", "186", "187", "188", "189", "190", "191", "192", "193", "195", "196", "197", "198", "199",
    ];

    private static string MobileNumber(Random r)
    {
        var prefix = Pick(r, MobilePrefixes);
        var middle = Digits(r, 4);
        var last = Digits(r, 4);
        return r.Next(20) switch
        {
            0 => $"{prefix} {middle} {last}",
            1 => $"{prefix}-{middle}-{last}",
            2 => $"+86 {prefix}{middle}{last}",
            3 => $"+86{prefix}{middle}{last}",
            4 => $"86-{prefix}{middle}{last}",
            _ => $"{prefix}{middle}{last}",
        };
    }

    private static string CorruptMobileNumber(Random r, string value)
    {
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        digits = digits.Length == 13 ? digits[2..] : digits[..11];
        return r.Next(3) switch
        {
            0 => digits.Remove(r.Next(1, 11), 1),
            1 => digits.Insert(r.Next(1, 11), Digits(r, 1)),
            _ => "1" + r.Next(3) + digits[2..],
        };
    }

    /// <summary>Issuer prefixes of Chinese banks: UnionPay debit (19 digits) and credit cards (16), Visa, Mastercard and JCB co-brands.</summary>
    private static readonly (string Prefix, int Length)[] CardIssuers =
    [
        ("622202", 19), ("621700", 19), ("622848", 19), ("621226", 19), ("623668", 19), ("621483", 16), ("622588", 16), ("621799", 19),
        ("622700", 19), ("621661", 19), ("623058", 19), ("625911", 16), ("625807", 16), ("436748", 16), ("518710", 16), ("456351", 16),
        ("356833", 16), ("622609", 16), ("628288", 16), ("621559", 19), ("6217002", 19), ("62148", 18), ("622262", 17),
    ];

    private static string BankCard(Random r)
    {
        var (prefix, length) = Pick(r, CardIssuers);
        var body = prefix + Digits(r, length - prefix.Length - 1);
        var number = body + LuhnCheck(body);
        return r.Next(5) == 0 ? string.Join(' ', number.Chunk(4).Select(c => new string(c))) : number;
    }

    /// <summary>A rural passbook account (存折账号): an account, but no card number and no Luhn check.</summary>
    private static string PassbookAccount(Random r) => $"{Pick(r, ["2010", "1010", "2020", "8010"])}{Digits(r, r.Next(11, 16))}";

    private static char LuhnCheck(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    // Registration authority and entity type: enterprise, 个体工商户, cooperative, 机关, 事业单位, social organizations.
    private static readonly string[] CreditCodeKinds = ["91", "91", "91", "92", "93", "11", "12", "51", "52", "53"];

    private static string CreditCodeOf(Random r)
    {
        var kind = Pick(r, CreditCodeKinds);
        var body = r.Next(2) == 0 ? Digits(r, 8) : "MA" + RandomFrom(r, CodeAlphabet, 6);
        return CreditCode.Create(kind[0], kind[1], Pick(r, ZhejiangCounties.Value), body);
    }

    private static readonly string[] Pinyin = ["zhang", "wang", "li", "chen", "liu", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu", "gao", "lin", "he", "wei", "fang", "jing", "xiaoming", "lili", "hua", "jun"];
    private static readonly string[] MailDomains = ["qq.com", "qq.com", "163.com", "126.com", "sina.com", "gmail.com", "outlook.com", "hotmail.com", "foxmail.com", "139.com", "zj.gov.cn", "hangzhou.gov.cn", "zju.edu.cn", "hengrui-tech.com", "aliyun.com", "yeah.net"];

    private static string Email(Random r)
    {
        var local = r.Next(4) switch
        {
            0 => Digits(r, 1).Replace("0", "1", StringComparison.Ordinal) + Digits(r, r.Next(5, 10)),
            1 => $"{Pick(r, Pinyin)}.{Pick(r, Pinyin)}",
            2 => $"{Pick(r, Pinyin)}{Pick(r, Pinyin)}{r.Next(100)}",
            _ => $"{Pick(r, Pinyin)}_{r.Next(1970, 2010)}",
        };
        return $"{local}@{Pick(r, MailDomains)}";
    }

    private static string CorruptEmail(Random r, string value) => r.Next(4) switch
    {
        0 => value.Replace('@', '#'),
        1 => value[..(value.IndexOf('@', StringComparison.Ordinal) + 1)] + value[(value.LastIndexOf('.') + 1)..],
        2 => value.Insert(1, " "),
        _ => value.Replace("@", "@@", StringComparison.Ordinal),
    };

    // Real surnames too rare (or too word-like) for the detector's list: a fair share of misses.
    private static readonly string[] RareSurnames = ["仉", "禚", "乜", "佴", "笪", "谯", "厍", "訾", "隗", "郤", "璩", "蒯", "逄", "钭", "昝", "妫", "海", "国", "明", "和", "平", "门", "水", "山"];

    private static readonly string[] UyghurNames = ["买买提", "艾力", "阿不都", "古丽", "阿依古丽", "热依拉", "努尔", "帕提古丽", "吐尔逊", "艾尔肯", "迪丽", "阿卜杜拉", "伊力哈木", "麦麦提", "依明", "热合曼", "阿布都热西提"];

    // Tibetan and Mongolian names have no surname.
    private static readonly string[] NamesWithoutSurname = ["扎西", "次仁", "卓玛", "格桑", "尼玛次仁", "达瓦卓玛", "巴特尔", "其其格", "旦增", "央金", "索朗旺姆", "乌日娜"];

    /// <summary>
    /// Flavor 1 is a register from Xinjiang, where most names are written with a middle dot; flavor 2
    /// a printed form's export, where two-character names are padded with spaces.
    /// </summary>
    private static string PersonName(Random r, int flavor)
    {
        var draw = r.Next(100);
        if (draw < (flavor == 1 ? 60 : 3))
        {
            return $"{Pick(r, UyghurNames)}·{Pick(r, UyghurNames)}";
        }

        var name = draw switch
        {
            < 98 when draw >= 96 => Pick(r, NamesWithoutSurname),
            >= 98 => Pick(r, RareSurnames) + RandomFrom(r, GivenCharacters, r.Next(1, 3)),
            _ => ChineseNames.Next(r, r.Next(2) == 0),
        };

        // Forms pad a two-character name to the width of three.
        return name.Length == 2 && flavor == 2 && r.Next(3) == 0 ? $"{name[0]}{Pick(r, ["　", " ", "  "])}{name[1]}" : name;
    }

    private static readonly string[] TownNames = ["三墩", "转塘", "瓶窑", "临浦", "瓜沥", "新登", "分水", "汾口", "梅城", "姚江", "石浦", "横店", "枫桥", "乌镇", "西塘", "安昌"];
    private static readonly string[] VillageNames = ["东山", "西坞", "上庄", "下洋", "前溪", "后塘", "南岙", "北湾", "新联", "永安", "红星", "和平", "金星", "桃源"];

    /// <summary>Flavor 1 is a community's own register, where most addresses leave out the place.</summary>
    private static string Address(Random r, int flavor)
    {
        var county = r.Next(5) == 0 ? Pick(r, AllCounties.Value) : Pick(r, ZhejiangCounties.Value);
        var place = Divisions.Standard.FullName(county);
        if (r.Next(100) < (flavor == 1 ? 70 : 3))
        {
            return r.Next(3) switch
            {
                0 => $"{Pick(r, DemoAddresses.Streets)}{r.Next(1, 999)}号",
                1 => $"{Pick(r, VillageNames)}{Pick(r, ["花园", "新村", "小区", "家园"])}{r.Next(1, 40)}幢{r.Next(1, 5)}单元{r.Next(101, 1802)}室",
                _ => $"{Pick(r, VillageNames)}村{r.Next(1, 12)}组{r.Next(1, 80)}号",
            };
        }

        return r.Next(10) switch
        {
            < 4 => DemoAddresses.Home(r, county),
            < 6 => DemoAddresses.Business(r, county),
            6 => $"{place}{Pick(r, TownNames)}镇{Pick(r, VillageNames)}村{r.Next(1, 12)}组{r.Next(1, 80)}号",
            7 => $"{place}{Pick(r, TownNames)}街道{Pick(r, VillageNames)}社区{r.Next(1, 30)}幢{r.Next(1, 6)}单元{r.Next(101, 1802)}室",
            8 => DemoAddresses.Home(r, county)[(Divisions.Standard.Province(county)!.Name.Length)..],
            _ => $"{place}{Pick(r, TownNames)}镇{Pick(r, VillageNames)}村",
        };
    }

    // Counties as addresses begin: 浙江省杭州市西湖区, and without the province 杭州市西湖区.
    private static readonly Lazy<HashSet<string>> CountyPrefixes = new(() =>
    [
        .. AllCounties.Value.SelectMany(c => new[]
        {
            Divisions.Standard.FullName(c),
            Divisions.Standard.FullName(c)[Divisions.Standard.Province(c)!.Name.Length..],
        }),
    ]);

    /// <summary>The address with everything after the county dropped, as in 浙江省杭州市西湖区: no longer an address.</summary>
    private static string CutToDivision(string value)
    {
        for (var length = Math.Min(value.Length, 20); length >= 2; length--)
        {
            if (CountyPrefixes.Value.Contains(value[..length]))
            {
                return value[..length];
            }
        }

        return "地址不详";
    }

    private const string PlateProvinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    private static string PlateNumber(Random r)
    {
        var province = r.Next(10) < 7 ? '浙' : PlateProvinces[r.Next(PlateProvinces.Length)];
        var office = PlateLetters[r.Next(12)];
        var serial = r.Next(10) switch
        {
            < 2 => $"{"DF"[r.Next(2)]}{(r.Next(2) == 0 ? Digits(r, 1) : RandomFrom(r, PlateLetters, 1))}{Digits(r, 4)}",
            2 => $"{Digits(r, 5)}{"DF"[r.Next(2)]}",
            < 6 => Digits(r, 5),
            < 9 => Shuffle(r, RandomFrom(r, PlateLetters, 1) + Digits(r, 4)),
            _ => Shuffle(r, RandomFrom(r, PlateLetters, 2) + Digits(r, 3)),
        };
        var separator = r.Next(10) switch { < 7 => "", < 9 => "·", _ => " " };
        return $"{province}{office}{separator}{serial}";
    }

    /// <summary>An O or I (never issued, they read as 0 and 1) or two characters lost; one lost would leave a new-energy plate looking like an ordinary one.</summary>
    private static string CorruptPlate(Random r, string value) => r.Next(2) == 0
        ? value[..^2]
        : value[..^2] + "OI"[r.Next(2)] + value[^1];

    private static string IpAddress(Random r, bool ipv4 = false) => r.Next(ipv4 ? 9 : 10) switch
    {
        < 2 => $"192.168.{r.Next(256)}.{r.Next(1, 255)}",
        < 4 => $"10.{r.Next(256)}.{r.Next(256)}.{r.Next(1, 255)}",
        4 => $"172.{r.Next(16, 32)}.{r.Next(256)}.{r.Next(1, 255)}",
        < 9 => $"{r.Next(1, 224)}.{r.Next(256)}.{r.Next(256)}.{r.Next(256)}",
        _ => r.Next(2) == 0
            ? $"240e:{r.Next(0x10000):x}:{r.Next(0x10000):x}::{r.Next(0x10000):x}"
            : string.Join(':', Enumerable.Range(0, 8).Select(_ => r.Next(0x10000).ToString("x", CultureInfo.InvariantCulture))),
    };

    private static string CorruptIpAddress(Random r, string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return value.Replace(':', '.');
        }

        var parts = value.Split('.');
        parts[r.Next(4)] = r.Next(256, 1000).ToString(CultureInfo.InvariantCulture);
        return r.Next(2) == 0 ? string.Join('.', parts) : string.Join('.', parts[..3]);
    }

    private static string PassportNumber(Random r) => r.Next(20) switch
    {
        < 9 => "E" + Digits(r, 8),
        < 17 => "E" + PlateLetters[r.Next(PlateLetters.Length)] + Digits(r, 7),
        < 19 => "G" + Digits(r, 8),
        _ => Pick(r, ["DE", "SE", "PE"]) + Digits(r, 7),
    };

    // ---- look-alikes ----

    private static string Amount(Random r)
    {
        var amount = r.Next(1_000_000) / 100m;
        return r.Next(4) switch
        {
            0 => amount.ToString("N2", CultureInfo.InvariantCulture),
            1 => "￥" + amount.ToString("N2", CultureInfo.InvariantCulture),
            2 => decimal.Round(amount).ToString(CultureInfo.InvariantCulture),
            _ => amount.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Date(Random r)
    {
        var date = new DateTime(1950, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(r.Next(75 * 365)).AddSeconds(r.Next(86_400));
        return date.ToString(r.Next(6) switch
        {
            0 => "yyyy-MM-dd",
            1 => "yyyy/M/d",
            2 => "yyyy年M月d日",
            3 => "yyyyMMdd",
            4 => "yyyy-MM-dd HH:mm:ss",
            _ => "yyyy.MM.dd",
        }, CultureInfo.InvariantCulture);
    }

    /// <summary>Order and business numbers: a timestamp and a counter, or plain random digits of card length.</summary>
    private static string SerialNumber(Random r) => r.Next(3) switch
    {
        0 => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(r.Next(150_000_000)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Digits(r, 4),
        1 => (char)('1' + r.Next(9)) + Digits(r, 17),
        _ => (char)('1' + r.Next(9)) + Digits(r, r.Next(15, 19)),
    };

    /// <summary>Eleven digits that are not a mobile number: archive numbers after a division code, landlines with a three-digit area code.</summary>
    private static string ElevenDigits(Random r) => r.Next(2) == 0
        ? Pick(r, ZhejiangCounties.Value) + Digits(r, 5)
        : Pick(r, ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"]) + (char)('2' + r.Next(8)) + Digits(r, 7);

    private static readonly string[] AreaCodes = ["0571", "0574", "0577", "0573", "0572", "0575", "0579", "0570", "0580", "0576", "0578"];

    private static string Landline(Random r)
    {
        var area = Pick(r, AreaCodes);
        var number = (char)('2' + r.Next(7)) + Digits(r, 7);
        return r.Next(6) switch
        {
            0 => $"({area}){number}",
            1 => $"{area}{number}",
            2 => $"{area}-{number}-{r.Next(100, 9000)}",
            3 => $"400-{Digits(r, 3)}-{Digits(r, 4)}",
            _ => $"{area}-{number}",
        };
    }

    private const string TradeNameCharacters = "华恒鑫瑞达博创信诚泰盛安康源腾宏远新锐智联云海天星辰嘉德丰和美";
    private static readonly string[] BusinessTerms = ["科技", "网络科技", "电子商务", "贸易", "建设工程", "餐饮管理", "物流", "生物医药", "新材料", "机械制造", "文化传媒", "纺织", "服饰", "汽车零部件", "房地产开发", "物业管理"];
    private static readonly string[] Shops = ["小吃店", "便利店", "理发店", "五金店", "水果店", "面馆", "超市", "汽车修理部", "服装店", "早餐店"];
    private static readonly string[] Institutions = ["人民政府", "市场监督管理局", "卫生健康委员会", "人民医院", "第一中学", "实验小学", "街道办事处", "税务局", "公安分局", "社区卫生服务中心"];

    private static string EnterpriseName(Random r)
    {
        var county = Pick(r, ZhejiangCounties.Value);
        var division = Divisions.Standard.Get(county);
        var city = Divisions.Standard.Get(division.ParentCode).Name;
        return r.Next(5) switch
        {
            < 3 => $"{city[..^1]}{RandomFrom(r, TradeNameCharacters, 2)}{Pick(r, BusinessTerms)}{(r.Next(8) == 0 ? "股份有限公司" : "有限公司")}",
            3 => $"{city}{division.Name}{ChineseNames.Next(r, true)[..1]}记{Pick(r, Shops)}",
            _ => $"{city}{division.Name}{Pick(r, Institutions)}",
        };
    }

    private static readonly string[] Products = ["西湖龙井", "安吉白茶", "金华火腿", "千岛湖鱼头", "临安山核桃", "绍兴黄酒", "宁波汤圆", "嘉兴粽子", "舟山带鱼", "温州鱼丸", "奉化水蜜桃", "黄岩蜜桔", "常山胡柚", "仙居杨梅", "龙泉青瓷", "青田石雕", "东阳木雕", "杭白菊", "香榧", "笋干", "茶叶", "大米", "食用油", "口罩", "消毒液"];

    private static string ProductName(Random r) => r.Next(3) switch
    {
        0 => Pick(r, Products),
        1 => $"{Pick(r, Products)}（{Pick(r, ["礼盒装", "散装", "特级", "一级"])}）",
        _ => $"{Pick(r, Products)}{r.Next(1, 20) * 50}g",
    };

    private static readonly string[] RemarkOpenings = ["材料齐全", "经现场核查", "申请人已补正材料", "因企业搬迁", "经审核", "根据群众反映", "已电话告知申请人", "该户已迁往外地", "系统自动生成", "按规定办理"];
    private static readonly string[] RemarkEndings = ["准予许可", "符合要求", "同意办理", "申请变更经营场所", "请于5个工作日内到窗口领取证照", "已通过网上办理", "退回补正", "不予受理", "已办结", "待复核"];

    private static string Remark(Random r) => r.Next(6) switch
    {
        0 => Pick(r, RemarkEndings),
        1 => $"{Pick(r, RemarkOpenings)}{Pick(r, RemarkEndings)}",
        2 => $"{Pick(r, RemarkOpenings)}，{Pick(r, RemarkEndings)}。",
        3 => $"{Pick(r, RemarkOpenings)}，经营场所位于{Divisions.Standard.FullName(Pick(r, ZhejiangCounties.Value))}，{Pick(r, RemarkEndings)}。",
        4 => $"{Pick(r, ["同意", "无", "已核实", "情况属实", "正常"])}",
        _ => $"{r.Next(2015, 2026)}年{r.Next(1, 13)}月{Pick(r, RemarkOpenings)}",
    };

    private static readonly string[][] StatusSets =
    [
        ["合格", "不合格"], ["已办结", "办理中", "已受理", "不予受理"], ["存续", "注销", "吊销", "迁出", "在业"], ["男", "女"],
        ["汉族", "汉族", "汉族", "汉族", "回族", "畲族", "满族", "苗族", "土家族"], ["群众", "中共党员", "共青团员", "民主党派"],
        ["已婚", "未婚", "离异", "丧偶"], ["本科", "大专", "硕士研究生", "高中", "初中", "博士研究生", "中专"], ["正常", "异常", "停用"],
        ["A级", "B级", "C级", "D级"], ["优秀", "良好", "合格", "基本合格"], ["通过", "未通过"], ["有效", "失效", "过期"],
    ];

    private static string StatusWord(Random r) => Pick(r, StatusSets[r.Next(StatusSets.Length)]);

    private static string PlaceWord(Random r)
    {
        var county = Divisions.Standard.Get(Pick(r, ZhejiangCounties.Value));
        var city = Divisions.Standard.Get(county.ParentCode);
        return r.Next(4) switch
        {
            0 => city.Name,
            1 => city.Name[..^1],
            2 => county.Name,
            _ => county.Name.Length > 2 ? county.Name[..^1] : county.Name,
        };
    }

    private static string Url(Random r) => r.Next(3) switch
    {
        0 => $"https://www.zj.gov.cn/art/{r.Next(2018, 2026)}/{r.Next(1, 13)}/{r.Next(1, 29)}/art_{Digits(r, 10)}_{Digits(r, 8)}.html",
        1 => $"http://data.zjzwfw.gov.cn/jdop_front/detail/data.do?iid={r.Next(100_000)}",
        _ => $"https://mp.weixin.qq.com/s/{Convert.ToBase64String(RandomBytes(r, 12)).Replace('/', '_').Replace('+', '-')}",
    };

    private static string OrganizationCodeOf(Random r)
    {
        var body = r.Next(5) < 3 ? (char)('1' + r.Next(8)) + Digits(r, 7) : "MA" + RandomFrom(r, CodeAlphabet, 6);
        var check = OrganizationCode.CheckCharacter(body);
        return r.Next(2) == 0 ? $"{body}-{check}" : $"{body}{check}";
    }

    private static string LicenceNumber(Random r) => r.Next(6) switch
    {
        0 => "JY" + (r.Next(2) + 1) + Pick(r, ZhejiangCounties.Value) + Digits(r, 7),
        1 => "浙AA" + Digits(r, 7),
        2 => $"浙交运管许可{Pick(r, ["杭", "甬", "温", "嘉"])}字{Pick(r, ZhejiangCounties.Value)}{Digits(r, 6)}号",
        3 => CreditCodeOf(r) + Digits(r, 3) + Pick(r, ["P", "V", "W", "X", "Y", "Z"]),
        4 => "浙B2-20" + Digits(r, 6),
        _ => "D" + r.Next(2, 4) + Pick(r, ZhejiangCounties.Value)[..4] + Digits(r, 4),
    };

    private static string Coordinates(Random r)
    {
        var longitude = (118 + (r.NextDouble() * 4)).ToString("F6", CultureInfo.InvariantCulture);
        var latitude = (27 + (r.NextDouble() * 4)).ToString("F6", CultureInfo.InvariantCulture);
        return r.Next(3) switch { 0 => longitude, 1 => latitude, _ => $"{longitude},{latitude}" };
    }

    private static string Time(Random r) => r.Next(3) switch
    {
        0 => $"{r.Next(24):D2}:{r.Next(60):D2}",
        1 => $"{r.Next(24):D2}:{r.Next(60):D2}:{r.Next(60):D2}",
        _ => $"{r.Next(7, 10):D2}:00-{r.Next(16, 22):D2}:30",
    };

    private const string VinCharacters = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    private static string Vin(Random r) => Pick(r, ["LSV", "LFV", "LGB", "LBV", "LVS", "LDC", "LHG"]) + RandomFrom(r, VinCharacters, 6) + RandomFrom(r, "0123456789X", 1) + RandomFrom(r, "HJKLMNPRS", 1) + RandomFrom(r, VinCharacters, 1) + Digits(r, 6);

    private static string DocumentNumber(Random r) => r.Next(3) switch
    {
        0 => $"{Pick(r, ["杭西", "杭上", "甬鄞", "温鹿"])}市监罚〔{r.Next(2018, 2026)}〕{r.Next(1, 999)}号",
        1 => $"ZJ-{r.Next(2018, 2026)}-{r.Next(10_000):D4}",
        _ => $"{Pick(r, ["GB/T", "GB", "DB33/T"])} {r.Next(1000, 45000)}-{r.Next(2000, 2025)}",
    };

    private static readonly string[] Departments = ["办公室", "财务科", "政策法规处", "行政审批科", "综合执法大队", "信访办", "人事科", "组织部", "宣传部", "党委办公室", "纪检监察室", "信息中心", "规划科", "统计科", "审计处"];
    private static readonly string[] Industries = ["农业", "林业", "畜牧业", "渔业", "制造业", "建筑业", "批发业", "零售业", "住宿业", "餐饮业", "软件和信息技术服务业", "金融业", "房地产业", "教育", "卫生", "文化艺术业"];
    private static readonly string[] Venues = ["杭州市民中心", "西湖文化广场", "杭州东站", "黄龙体育中心", "浙江省人民大会堂", "宁波博物馆", "温州南站", "西溪国家湿地公园", "钱江新城灯光秀广场", "湖滨步行街", "杭州奥体中心体育馆", "河坊街"];

    /// <summary>Villages and communities below the county, with or without 村/社区 as people write them.</summary>
    private static string Community(Random r) => r.Next(10) switch
    {
        < 3 => Pick(r, VillageNames),
        < 6 => Pick(r, VillageNames) + "村",
        < 8 => Pick(r, VillageNames) + "社区",
        _ => Pick(r, TownNames) + Pick(r, ["街道", "镇"]),
    };

    private static readonly string[] JobTitles = ["科长", "副科长", "主任", "副主任", "局长", "副局长", "书记", "委员", "处长", "科员", "干事", "工程师", "高级工程师", "会计师", "经理", "总经理", "董事长", "监事"];

    // ---- helpers ----

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static char Pick(Random r, string characters) => characters[r.Next(characters.Length)];

    private static string Digits(Random r, int count) => RandomFrom(r, "0123456789", count);

    private static string RandomFrom(Random r, string alphabet, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(alphabet[r.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string Shuffle(Random r, string value)
    {
        var characters = value.ToCharArray();
        r.Shuffle(characters);
        return new string(characters);
    }

    private static byte[] RandomBytes(Random r, int count)
    {
        var bytes = new byte[count];
        r.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One character at or after <paramref name="from"/> replaced by a different one of <paramref name="alphabet"/>.</summary>
    private static string ReplaceCharacter(Random r, string value, string alphabet, int from)
    {
        int index;
        do
        {
            index = r.Next(from, value.Length);
        }
        while (!alphabet.Contains(value[index], StringComparison.Ordinal));

        char replacement;
        do
        {
            replacement = alphabet[r.Next(alphabet.Length)];
        }
        while (replacement == value[index]);

        return string.Concat(value.AsSpan(0, index), [replacement], value.AsSpan(index + 1));
    }

    private sealed record Header(string Name, string Label, int Flavor = 0);

    private sealed record Kind(string Code, SensitiveType Expected, Header[] Headers, Func<Random, int, SensitiveSample> Next, Func<Random, string, string>? Corrupt);
}
