using System.CommandLine;
using Gongshu.Directories;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Cli;

/// <summary><c>gongshu org</c>: set up the organization tree from the command line (the first region of a new platform).</summary>
public static class OrgCommand
{
    public static Command Create()
    {
        var command = new Command("org", "Organizations: regions by GB/T 2260 code and the departments under them");
        command.Subcommands.Add(AddRegion());
        command.Subcommands.Add(AddDepartment());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command AddRegion()
    {
        var code = new Argument<string>("division-code") { Description = "Six-digit GB/T 2260 code, e.g. 330000 (浙江省) or 330106 (西湖区)" };
        var command = new Command("add-region", "Create the government of a division, and of the divisions above it if they are missing") { code };
        command.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            var division = Divisions.Standard.Get(result.GetValue(code)!);
            var chain = new List<Division>();
            for (Division? d = division; d is not null; d = d.ParentCode is { } p ? Divisions.Standard.Find(p) : null)
            {
                if (!d.IsGrouping)
                {
                    chain.Insert(0, d);
                }
            }

            foreach (var d in chain)
            {
                if (await platform.Organizations.FindRegionAsync(d.Code, ct) is { } existing)
                {
                    Console.WriteLine($"exists   id:{existing.Id}  {existing.DivisionCode}  {existing.Name}");
                    continue;
                }

                var created = await platform.Organizations.CreateRegionAsync(d.Code, Actor.System, ct);
                Console.WriteLine($"created  id:{created.Id}  {created.DivisionCode}  {created.Name}");
            }

            return 0;
        }));
        return command;
    }

    private static Command AddDepartment()
    {
        var parent = new Option<string>("--parent") { Description = "The region or organization it belongs to (division code, id:N or exact name)", Required = true };
        var shortCode = new Option<string>("--code") { Description = "Short code, lower-case letters, digits and '-', unique under the parent (e.g. gat)", Required = true };
        var name = new Option<string>("--name") { Description = "Full name, e.g. 浙江省公安厅", Required = true };
        var credit = new Option<string?>("--credit-code") { Description = "统一社会信用代码 (18 characters, checked)" };
        var command = new Command("add-department", "Create a department under a region or another organization") { parent, shortCode, name, credit };
        command.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            var under = await OrganizationArgument.ResolveAsync(platform, result.GetValue(parent)!, ct);
            var created = await platform.Organizations.CreateDepartmentAsync(under.Id, result.GetValue(shortCode)!, result.GetValue(name)!,
                result.GetValue(credit), Actor.System, ct);
            Console.WriteLine($"created  id:{created.Id}  {created.Name}  under {under.Name}");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Print the organization tree");
        command.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            async Task PrintAsync(long? parentId, int depth)
            {
                foreach (var o in await platform.Organizations.ListChildrenAsync(parentId, ct))
                {
                    Console.WriteLine($"{new string(' ', depth * 2)}{o.Name}  [id:{o.Id} {o.Kind.ToString().ToLowerInvariant()} {o.DivisionCode}]");
                    await PrintAsync(o.Id, depth + 1);
                }
            }

            await PrintAsync(null, 0);
            return 0;
        }));
        return command;
    }
}
