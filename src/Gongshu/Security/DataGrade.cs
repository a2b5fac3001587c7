namespace Gongshu.Security;

/// <summary>
/// The provincial grades (DB33/T 2350): L1 不敏感, L2 低敏感, L3 较敏感, L4 敏感. A higher
/// number is more sensitive, so "the highest grade wins" (就高从严) is a plain maximum.
/// </summary>
public enum DataGrade
{
    L1 = 1,
    L2 = 2,
    L3 = 3,
    L4 = 4,
}

public static class DataGradeCodes
{
    public static string Code(this DataGrade grade) => grade switch
    {
        DataGrade.L1 => "L1",
        DataGrade.L2 => "L2",
        DataGrade.L3 => "L3",
        DataGrade.L4 => "L4",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    public static string Label(this DataGrade grade) => grade switch
    {
        DataGrade.L1 => "不敏感",
        DataGrade.L2 => "低敏感",
        DataGrade.L3 => "较敏感",
        DataGrade.L4 => "敏感",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    /// <summary>Reads <c>L1</c>–<c>L4</c> (any case).</summary>
    public static bool TryParse(string? code, out DataGrade grade)
    {
        grade = DataGrade.L1;
        if (code is not { Length: 2 } || (code[0] is not ('L' or 'l')) || code[1] is < '1' or > '4')
        {
            return false;
        }

        grade = (DataGrade)(code[1] - '0');
        return true;
    }

    public static DataGrade Max(DataGrade a, DataGrade b) => a >= b ? a : b;
}
