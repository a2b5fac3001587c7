namespace Gongshu.Security.Detection;

/// <summary>
/// Which sensitive types a field's name (<c>id_card</c>, <c>sjhm</c>, <c>legalName</c>) or Chinese
/// label (证件号码, 联系电话) speaks of. A hint only breaks ties and raises confidence: names
/// mislead (a <c>name</c> column of companies, a 备注 column of phone numbers), values decide.
/// </summary>
internal static class FieldHints
{
    /// <summary>
    /// Per type: Chinese words looked for anywhere, runs of name tokens (split at _ - . spaces and
    /// camelCase, lower-cased; pinyin initials such as sfzh count as tokens), and words that cancel the hint.
    /// </summary>
    private static readonly Hint[] Hints =
    [
        new(SensitiveType.IdentityNumber, ["身份证", "身份号", "证件号", "公民身份"],
            ["sfz", "sfzh", "sfzhm", "zjhm", "idcard", "idno", "identity", "id card", "id no", "id number", "id num", "cert no", "certificate no"], []),
        new(SensitiveType.MobileNumber, ["手机", "电话", "联系方式", "移动电话"],
            ["mobile", "phone", "tel", "cellphone", "telephone", "sjh", "sjhm", "lxdh", "dh", "mobile no"], []),
        new(SensitiveType.BankCard, ["银行卡", "卡号", "账号", "帐号", "账户", "帐户"],
            ["bank", "card", "account", "acct", "yhk", "yhkh", "yhzh", "bank card", "card no"], ["身份", "证件", "id", "idcard", "sfz"]),
        new(SensitiveType.CreditCode, ["信用代码", "社会信用"],
            ["uscc", "tyshxydm", "xydm", "credit code", "creditcode", "social credit"], []),
        new(SensitiveType.Email, ["邮箱", "邮件", "电子信箱"], ["email", "mail", "e mail", "mailbox"], []),
        new(SensitiveType.PersonName, ["姓名", "名字", "联系人", "法定代表人", "法人代表", "负责人", "申请人", "经办人", "户主", "持有人"],
            ["name", "xm", "realname", "fullname", "person", "legal representative", "legal rep"],
            ["名称", "单位", "企业", "公司", "机构", "部门", "产品", "项目", "文件", "商品", "company", "enterprise", "org", "organization",
                "unit", "corp", "product", "dept", "department", "file", "item", "project", "shop", "store", "goods", "user", "login",
                "host", "domain", "table", "field", "column", "app", "dwmc", "qymc", "jgmc", "cpmc", "xmmc"]),
        new(SensitiveType.Address, ["地址", "住址", "住所", "居住地", "户籍地", "所在地"], ["address", "addr", "dz", "zz", "zsdz", "jzdz", "hjdz"], []),
        new(SensitiveType.PlateNumber, ["车牌", "号牌"], ["plate", "cph", "hphm", "chepai", "license plate", "plate no"], []),
        new(SensitiveType.IpAddress, ["IP地址", "IP 地址"], ["ip", "ipaddr", "ip address", "ipv4", "ipv6", "client ip", "remote addr"], []),
        new(SensitiveType.PassportNumber, ["护照"], ["passport", "hzhm", "passport no"], []),
    ];

    /// <summary>One bit per <see cref="SensitiveType"/> value the name or label hints at.</summary>
    public static uint Hinted(string? fieldName, string? label)
    {
        var tokens = Tokens(fieldName).Concat(Tokens(label)).ToList();
        var text = $"{fieldName} {label}";
        var hinted = 0u;
        foreach (var hint in Hints)
        {
            var said = hint.Chinese.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))
                || hint.Tokens.Any(t => ContainsRun(tokens, t.Split(' ')));
            var cancelled = hint.Cancelling.Any(w => w.All(char.IsAsciiLetter) ? tokens.Contains(w) : text.Contains(w, StringComparison.Ordinal));
            if (said && !cancelled)
            {
                hinted |= 1u << (int)hint.Type;
            }
        }

        return hinted;
    }

    /// <summary>ASCII words of <paramref name="text"/>, lower-cased: <c>holderIDNumber</c> → holder, id, number.</summary>
    private static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var boundary = !char.IsAsciiLetterOrDigit(c)
                || (start >= 0 && char.IsAsciiLetterUpper(c) && (char.IsAsciiLetterLower(text[i - 1])
                    || (i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1]) && char.IsAsciiLetterUpper(text[i - 1]))));
            if (boundary && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }

            if (char.IsAsciiLetterOrDigit(c) && start < 0)
            {
                start = i;
            }
        }

        return tokens;
    }

    private static bool ContainsRun(List<string> tokens, string[] run)
    {
        for (var i = 0; i + run.Length <= tokens.Count; i++)
        {
            var all = true;
            for (var j = 0; j < run.Length && all; j++)
            {
                all = tokens[i + j] == run[j];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Hint(SensitiveType Type, string[] Chinese, string[] Tokens, string[] Cancelling);
}
