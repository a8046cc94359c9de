using VmssGrains.Silo;

// A VmssGrains silo: localhost clustering, memory storage, the simulation clock from configuration.
// Start it again with other ports (Silo__SiloPort, Silo__GatewayPort or --Silo:SiloPort=...) to join the same cluster.
var builder = Host.CreateApplicationBuilder(args);
var options = SiloSettings.Bind(builder.Configuration);
builder.AddVmssSilo(options);
await builder.Build().RunAsync();
