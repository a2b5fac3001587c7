namespace Gongshu.Demo;

/// <summary>
/// Plausible Chinese personal names: a surname drawn with the skew of real frequencies
/// (common ones far more often), then a one- or two-character given name fitting the sex.
/// </summary>
public static class ChineseNames
{
    // Roughly by frequency in Zhejiang, most common first.
    private static readonly string[] Surnames =
    [
        "陈", "王", "张", "李", "周", "吴", "徐", "杨", "朱", "金", "沈", "胡", "黄", "林", "刘",
        "钱", "郑", "何", "叶", "俞", "孙", "赵", "潘", "蒋", "方", "许", "应", "楼", "丁", "马",
        "汪", "邵", "姚", "戴", "施", "邱", "傅", "高", "翁", "章", "毛", "冯", "卢", "吕", "袁",
        "程", "孔", "骆", "缪", "童", "柴", "鲍", "屠", "诸葛", "欧阳", "司马", "上官",
    ];

    private const string MaleCharacters = "伟强磊军洋勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林建国志文博立新海峰晨阳";
    private const string FemaleCharacters = "芳娜敏静丽艳娟霞秀燕玲丹萍红琳雪婷颖慧莉倩晶欣怡佳梦雨涵诗琪悦蕾洁琴";
    private const string SharedCharacters = "子晓一思嘉可语若文天安家宏春秋晨";

    public static string Next(Random random, bool male)
    {
        // Squaring a uniform draw favours the front of the list, like real surname frequencies.
        var draw = random.NextDouble();
        var surname = Surnames[(int)(draw * draw * Surnames.Length)];
        var own = male ? MaleCharacters : FemaleCharacters;
        var last = own[random.Next(own.Length)];
        if (random.Next(10) < 3)
        {
            return $"{surname}{last}";
        }

        var first = random.Next(3) == 0 ? SharedCharacters[random.Next(SharedCharacters.Length)] : own[random.Next(own.Length)];
        return $"{surname}{first}{last}";
    }
}
