using Gongshu.Collection;
using Gongshu.Demo;
using Gongshu.Directories;
using Gongshu.Governance;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Demo;

public sealed class DemoResourceDataTests
{
    [Theory, AllDatabases]
    public async Task The_demo_datasets_are_loaded_once_into_the_resources_that_describe_them_through_collection(DatabaseKind kind)
    {
        await using var platform = await DemoPlatform.CreateAsync(kind);
        await platform.SeedAsync();
        var catalog = platform.Catalog();
        var encryption = await FieldEncryption.OpenAsync(platform.Database, FieldKeyring.Open(platform.Keys.Directory), platform.Keys, platform.Clock);
        var grading = new FieldGrading(platform.Database, catalog, encryption, platform.AuditLog, platform.Clock);
        var collection = new CollectionService(platform.Database, catalog, platform.AuditLog, grading, encryption,
            new QualityRules(platform.Database, catalog, encryption, platform.AuditLog, platform.Clock), platform.Clock);
        var users = new UserService(platform.Database, platform.AuditLog, platform.Clock);

        var loaded = await DemoResourceData.LoadAsync(platform.Database, catalog, collection, users);

        var people = (await DemoLinks.ListAsync(platform.Database))[DemoPeople.ResourceKey];
        Assert.Contains((people, (long)DemoSeeder.PeopleCount), loaded);
        Assert.Equal(2, loaded.Count);
        var current = (await new DatasetStore(platform.Database).GetCurrentAsync(people))!;
        Assert.Equal(DemoSeeder.PeopleCount, current.RowCount);
        Assert.Contains("id_number", ProtectedColumns.Encrypted(current.Columns)); // detected L4 (ID number with names), stored encrypted

        Assert.Empty(await DemoResourceData.LoadAsync(platform.Database, catalog, collection, users));
    }
}
