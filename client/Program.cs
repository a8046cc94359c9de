using VmssGrains.Client.Cli;

// vmss: an az-like console over a VmssGrains cluster, and `simulate` on an embedded silo.
// Ctrl+C or SIGTERM cancels the command: it stops its hosts and exits 130 with `error: interrupted`.
using var interrupt = new ConsoleInterrupt();
return await CliApp.RunAsync(args, Console.Out, Console.Error, interrupt.Token);
