using System.CommandLine;
using Gongshu.Server.Cli;

// `gongshu` is both the command line and the web server: each verb is one file in Cli/.
var root = new RootCommand("Gongshu (公数): integrated public data platform");
root.Options.Add(CommonOptions.Data);
root.Options.Add(CommonOptions.Db);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ServeCommand.CreateDemo());
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(OrgCommand.Create());
root.Subcommands.Add(UserCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(KeysCommand.Create());

return await root.Parse(args).InvokeAsync();
