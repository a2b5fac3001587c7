using System.Buffers;
using System.Collections.Frozen;

namespace Gongshu.Security.Detection;

/// <summary>
/// What a Chinese personal name is made of, for <see cref="ValueDetectors"/>: the common surnames,
/// the compound ones, and characters that end ordinary words but hardly ever appear in a given name.
/// </summary>
internal static class ChineseSurnames
{
    /// <summary>
    /// The single-character surnames of the frequency rankings, most common first (王李张刘陈 cover
    /// about a third of the population; together these cover well over 95%). Rare surnames that mostly
    /// begin ordinary words (国 平 明 海 和 公 门 …) are left out: 国有 and 平均 would otherwise read as names.
    /// </summary>
    private const string Singles =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
        + "石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
        + "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
        + "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛"
        + "仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚强帅屠豆朴盖廉禹祖漆巴丰卿狄"
        + "晋云扈晁芮阙浦戈鹿薄邸雍辜羊乌裘亓邰赫杭逯隆茹诸慕亢嵇哈湛宾戎勾茅於揭尉冶檀尧贝宓蓬郗仰赖蓟鄂莘堵宰郦宦暨弘殳蔚越夔毋竺"
        + "桓酆荀羿汲邴糜傅阎钮汝庹沐綦靖郄苌";

    private static readonly SearchValues<char> SingleSet = SearchValues.Create(Singles);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Compounds = FrozenSet.ToFrozenSet(
        [
            "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
            "令狐", "钟离", "独孤", "南宫", "西门", "端木", "百里", "呼延", "东郭", "闻人", "万俟", "澹台", "公冶", "太叔",
            "申屠", "濮阳", "宗政", "淳于", "单于", "赫连", "拓跋", "仲孙", "羊舌", "微生", "梁丘", "左丘", "东门", "第五",
            "乐正", "公良", "谷梁", "漆雕", "巫马", "公西", "亓官", "司寇", "颛孙", "段干", "鲜于", "闾丘", "公羊", "司空",
        ],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Characters that end the short words of government data (places, units, statuses, function
    /// words) and almost never stand in a given name: 杭州市, 审核中, 注销, 合格, 申请人.
    /// </summary>
    private static readonly SearchValues<char> NotInGivenNames = SearchValues.Create(
        "省市区县镇乡村路街巷弄号室栋幢楼层司局厅处科院所站队店厂部会业类型否是格结批件表费税额率量数期"
        + "的了吗呢吧着过得被把与及或等其该此本各每某另无非未不已办理审核查验报告证照单项级种品物务式况态效"
        + "销续消售购卖收缴交罚款亿个台辆次户条份页册箱包瓶袋吨斤码值度间内外上下前后左右员人口别状名称编代"
        + "址话机邮男女年时分秒公共府事情汇总计统合异误错废止暂停准予");

    public static bool IsSingle(char c) => SingleSet.Contains(c);

    public static bool IsCompound(ReadOnlySpan<char> twoCharacters) => Compounds.Contains(twoCharacters);

    public static bool CanBeInGivenName(char c) => !NotInGivenNames.Contains(c);
}
