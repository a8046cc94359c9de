using VmssGrains.Client.Cli;

// vmss: an az-like console over a VmssGrains cluster, and `simulate` on an embedded silo.
return await CliApp.RunAsync(args, Console.Out, Console.Error);
