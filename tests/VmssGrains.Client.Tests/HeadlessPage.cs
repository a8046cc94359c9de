using System.Text.Json.Nodes;
using PuppeteerSharp;

namespace VmssGrains.Client.Tests;

/// <summary>
/// One HTML file opened in a headless Chromium of the system's (never a downloaded one), driven by PuppeteerSharp:
/// the page's console errors, uncaught exceptions and every request other than the file itself are recorded. Disposing
/// closes the browser and kills its process if it is still there.
/// </summary>
public sealed class HeadlessPage : IAsyncDisposable
{
    private readonly IBrowser started;
    private readonly List<string> errors = [];
    private readonly List<string> requests = [];

    private HeadlessPage(IBrowser browser, IPage page)
    {
        started = browser;
        Page = page;
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                lock (errors)
                {
                    errors.Add($"console: {e.Message.Text}");
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (errors)
            {
                errors.Add($"page error: {e.Message}");
            }
        };
        page.Request += (_, e) =>
        {
            lock (requests)
            {
                requests.Add(e.Request.Url);
            }
        };
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>Every URL the page requested (the file itself included).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Starts <paramref name="chromium"/> headless and opens <paramref name="file"/>.</summary>
    public static async Task<HeadlessPage> OpenAsync(string chromium, string file, int width = 1200, int height = 900)
    {
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in a container has no user namespace for the sandbox; /dev/shm is small there.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check"],
            Timeout = 60_000,
        });
        try
        {
            var page = await browser.NewPageAsync();
            await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
            var opened = new HeadlessPage(browser, page);
            await opened.GoToAsync(file);
            return opened;
        }
        catch
        {
            await CloseAsync(browser);
            throw;
        }
    }

    /// <summary>Opens another file in the same page.</summary>
    public async Task GoToAsync(string file) =>
        await Page.GoToAsync(new Uri(file).AbsoluteUri, new NavigationOptions { Timeout = 60_000, WaitUntil = [WaitUntilNavigation.Load] });

    /// <summary>Waits (60 s at most of wall time) until the body has <paramref name="attribute"/>, and returns its value.</summary>
    public async Task<string> WaitForAttributeAsync(string attribute)
    {
        await Page.WaitForFunctionAsync($"() => document.body && document.body.hasAttribute('{attribute}')", new WaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });
        return await Page.EvaluateFunctionAsync<string>($"() => document.body.getAttribute('{attribute}')");
    }

    /// <summary>Runs a function returning JSON-serializable data in the page, and returns what it returned.</summary>
    public async Task<JsonNode> EvaluateAsync(string function) =>
        JsonNode.Parse(await Page.EvaluateFunctionAsync<string>($"() => JSON.stringify(({function})())"))!;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync(started);

    private static async Task CloseAsync(IBrowser browser)
    {
        var process = browser.Process;
        try
        {
            await browser.CloseAsync();
        }
        finally
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            await browser.DisposeAsync();
        }
    }
}
