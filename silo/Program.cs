using VmssGrains.Silo;

// A VmssGrains silo: localhost clustering, memory storage, the simulation clock from configuration, and a
// web port (loopback) with /metrics and /dashboard. Start it again with other ports to join the cluster.
var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.Bind(builder.Configuration);
builder.AddVmssSilo(settings);
var app = builder.Build();
app.MapVmssEndpoints(settings);
await app.RunAsync();
