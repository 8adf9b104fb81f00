using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>
/// What an operator watches: the health endpoints, the Prometheus scrape endpoint (off unless configured) and
/// OpenTelemetry, which also pushes traces and metrics over OTLP when <see cref="OtlpEndpointVariable"/> is set.
/// </summary>
public static class OperationsSetup
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    /// <summary>OpenTelemetry's own variable; its exporter reads the protocol and headers from the other OTEL_* ones.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    private const string ReadinessTag = "ready";

    public static void AddMessengerOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadinessTag])
            .AddCheck<StorageCheck>("storage", tags: [ReadinessTag])
            .AddCheck<WriterCheck>("writer", tags: [ReadinessTag]);
        services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IOptions<MessengerOptions>>((health, messenger) =>
        {
            foreach (var check in health.Registrations)
            {
                check.Timeout = TimeSpan.FromSeconds(messenger.Value.Health.CheckTimeoutSeconds);
            }
        });

        builder.AddTelemetry();
    }

    public static void MapMessengerOperations(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ForOperators();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = HealthResponse.WriteAsync,
        }).ForOperators();

        // Made now, so the people-online gauge reports from the first scrape rather than from the first send.
        app.Services.GetRequiredService<MessengerMetrics>();
        var metrics = app.Services.GetRequiredService<IOptions<MessengerOptions>>().Value.Metrics;
        if (metrics.Enabled)
        {
            var access = new MetricsAccess(metrics.AllowedAddresses);
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(
                async (context, next) =>
                {
                    if (access.Allows(context.Connection.RemoteIpAddress))
                    {
                        await next(context);
                    }
                    else
                    {
                        // As if there were no such page.
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                    }
                }), optionsName: null).ForOperators();
        }
    }

    private static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration[ServiceNameVariable] ?? MessengerMetrics.MeterName))
            .WithMetrics(metrics =>
            {
                metrics.AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Which meters are read follows the options as the provider is built, like every other setting; with none read,
        // every instrument stays off and recording costs nothing. By name, because the instrumentation packages'
        // Add…Instrumentation register services, too late by then: on .NET 10 they only add these meters anyway (ASP.NET
        // Core's, the Blazor circuits' "Microsoft.AspNetCore.Components.Server.Circuits" among them, and the runtime's).
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            if (otlp || services.GetRequiredService<IOptions<MessengerOptions>>().Value.Metrics.Enabled)
            {
                metrics.AddMeter(MessengerMetrics.MeterName, "Microsoft.AspNetCore.*", "System.Runtime");
            }
        });

        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(MessengerActivities.Source.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperational(context.Request.Path))
                .AddOtlpExporter());
        }
    }

    private static bool IsOperational(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    /// <summary>Answered during a migration, never rate-limited or behind a login, and left out of the HTTP metrics.</summary>
    private static TBuilder ForOperators<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.BypassStorageGate().DisableRateLimiting().AllowAnonymous().DisableHttpMetrics();
}
