package io.promdeck.app.sandbox;

import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StaticConfigs;
import io.promdeck.app.install.StaticConfigs.Job;
import io.promdeck.app.install.StaticConfigs.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of one local stack, with free ports and their configuration rendered by the cluster install's own
 * renderer ({@link StaticConfigs}): one source of truth for the replica label (from each process' POD_NAME, as in
 * the StatefulSet), its labeldrop, the peers, the rules.
 */
public record SandboxPlan(Topology topology, Path dir, int receiverPort, StackParameters parameters, List<Member> members) {

    /** The receiver the Alertmanagers post to (the console answers it). */
    public static final String HOOK = "/hook/sandbox";
    static final String RULES = """
            groups:
              - name: sandbox
                rules:
                  - alert: Watchdog
                    expr: vector(1)
                    labels:
                      severity: none
                    annotations:
                      summary: Always firing, to prove the alerting pipeline works end to end (a dead man's switch).
                      description: If this alert stops reaching the receiver, alerts are not being delivered.
            """;

    public SandboxPlan {
        members = List.copyOf(members);
    }

    public List<Member> of(Program program) {
        return members.stream().filter(m -> m.program() == program).toList();
    }

    public List<Member> prometheus() {
        return of(Program.PROMETHEUS);
    }

    public List<Member> alertmanagers() {
        return of(Program.ALERTMANAGER);
    }

    public String receiverUrl() {
        return "http://127.0.0.1:" + receiverPort + HOOK;
    }

    /** A new plan on free ports in {@code dir}; the receiver on {@code receiverPort} (0: a free port). */
    public static SandboxPlan create(Topology topology, Path dir, int receiverPort) {
        Ports ports = new Ports();
        int receiver = receiverPort > 0 ? receiverPort : FreePorts.tcp();
        int peers = 3;
        List<Integer> amPorts = new ArrayList<>();
        List<Integer> amCluster = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            amPorts.add(ports.tcp());
            amCluster.add(ports.tcpAndUdp());
        }
        List<String> amTargets = amPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        List<Member> members = new ArrayList<>();
        int exporters = switch (topology) {
            case FEDERATION -> 2;
            case SHARDING -> 4;
            default -> 1;
        };
        List<Integer> exporterPorts = new ArrayList<>();
        for (int i = 0; i < exporters; i++) {
            exporterPorts.add(ports.tcp());
        }
        Map<String, Integer> prometheus = new LinkedHashMap<>();
        switch (topology) {
            case HA, REMOTE_STORAGE -> {
                prometheus.put("prometheus-0", ports.tcp());
                prometheus.put("prometheus-1", ports.tcp());
            }
            case FEDERATION -> {
                for (String dc : List.of("dc1", "dc2")) {
                    prometheus.put(dc + "-prometheus-0", ports.tcp());
                    prometheus.put(dc + "-prometheus-1", ports.tcp());
                }
                prometheus.put("global-prometheus", ports.tcp());
            }
            case SHARDING -> {
                for (int shard = 0; shard < 2; shard++) {
                    prometheus.put("shard-" + shard + "-prometheus-0", ports.tcp());
                    prometheus.put("shard-" + shard + "-prometheus-1", ports.tcp());
                }
                prometheus.put("global-prometheus", ports.tcp());
            }
            case AGENT -> {
                prometheus.put("agent-0", ports.tcp());
                prometheus.put("agent-1", ports.tcp());
                prometheus.put("receiver-prometheus", ports.tcp());
            }
        }
        if (topology == Topology.REMOTE_STORAGE) {
            prometheus.put("reader-prometheus", ports.tcp());
        }
        int influx = topology == Topology.REMOTE_STORAGE ? ports.tcp() : 0;
        int influxRpc = topology == Topology.REMOTE_STORAGE ? ports.tcp() : 0;

        StackParameters p = parameters(dir, receiver, prometheus.values().stream().map(port -> "127.0.0.1:" + port).toList(), amTargets);
        String amConfig = StaticConfigs.alertmanager(p);

        List<String> exporterTargets = exporterPorts.stream().map(port -> "127.0.0.1:" + port).toList();
        String influxUrl = "http://127.0.0.1:" + influx;
        for (Map.Entry<String, Integer> entry : prometheus.entrySet()) {
            String name = entry.getKey();
            Path home = dir.resolve(name);
            String group;
            Member.Role memberRole;
            Role role;
            List<String> extraArgs = new ArrayList<>();
            List<String> own = List.of("127.0.0.1:" + entry.getValue());
            switch (topology) {
                case HA -> {
                    group = "ha";
                    memberRole = Member.Role.REPLICA;
                    role = Role.replica(List.of(new Job("prometheus", pair(prometheus, "prometheus-")), new Job("alertmanager", amTargets),
                            new Job("node", exporterTargets)));
                }
                case REMOTE_STORAGE -> {
                    if (name.startsWith("reader")) {
                        group = "";
                        memberRole = Member.Role.READER;
                        role = new Role(Map.of(), List.of(new Job("prometheus", own)), -1, 0, List.of(), "", List.of(),
                                List.of(influxUrl + "/api/v1/prom/read?db=prometheus"), false, false, true);
                    } else {
                        group = "ha";
                        memberRole = Member.Role.REPLICA;
                        role = new Role(Map.of(), List.of(new Job("prometheus", pair(prometheus, "prometheus-")), new Job("alertmanager", amTargets),
                                new Job("node", exporterTargets)), -1, 0, List.of(), "", List.of(influxUrl + "/api/v1/prom/write?db=prometheus"),
                                List.of(influxUrl + "/api/v1/prom/read?db=prometheus"), true, false);
                    }
                }
                case FEDERATION -> {
                    if (name.startsWith("global")) {
                        group = "";
                        memberRole = Member.Role.GLOBAL;
                        List<String> dcs = prometheus.entrySet().stream().filter(e -> e.getKey().startsWith("dc"))
                                .map(e -> "127.0.0.1:" + e.getValue()).toList();
                        role = new Role(Map.of("dc", "global"), List.of(new Job("prometheus", own)), -1, 0, dcs, "{job=~\".+\"}",
                                List.of(), List.of(), true, false);
                    } else {
                        String dc = name.substring(0, 3);
                        group = dc;
                        memberRole = Member.Role.REPLICA;
                        String exporter = exporterTargets.get(dc.equals("dc1") ? 0 : 1);
                        role = new Role(Map.of("dc", dc), List.of(new Job("prometheus", pair(prometheus, dc + "-prometheus-")),
                                new Job("alertmanager", amTargets), new Job("node", List.of(exporter))), -1, 0, List.of(), "",
                                List.of(), List.of(), true, false);
                    }
                }
                case SHARDING -> {
                    List<Job> targets = List.of(new Job("node", exporterTargets), new Job("alertmanager", amTargets));
                    if (name.startsWith("global")) {
                        group = "";
                        memberRole = Member.Role.GLOBAL;
                        List<String> shards = prometheus.entrySet().stream().filter(e -> e.getKey().startsWith("shard"))
                                .map(e -> "127.0.0.1:" + e.getValue()).toList();
                        role = new Role(Map.of("shard", "global"), List.of(new Job("prometheus", own)), -1, 0, shards, "{job=~\"node|alertmanager\"}",
                                List.of(), List.of(), true, false);
                    } else {
                        int shard = Integer.parseInt(name.substring(6, 7));
                        group = "shard-" + shard;
                        memberRole = Member.Role.REPLICA;
                        role = new Role(Map.of("shard", Integer.toString(shard)), targets, shard, 2, List.of(), "", List.of(), List.of(), true, false);
                    }
                }
                case AGENT -> {
                    String receiverUrl = "http://127.0.0.1:" + prometheus.get("receiver-prometheus") + "/api/v1/write";
                    if (name.startsWith("agent")) {
                        group = "";
                        memberRole = Member.Role.AGENT;
                        role = new Role(Map.of(), List.of(new Job("node", exporterTargets), new Job("agent", own)), -1, 0, List.of(), "",
                                List.of(receiverUrl), List.of(), false, true);
                        extraArgs.add("--enable-feature=agent");
                    } else {
                        group = "";
                        memberRole = Member.Role.RECEIVER;
                        role = new Role(Map.of(), List.of(new Job("prometheus", own), new Job("alertmanager", amTargets)), -1, 0, List.of(), "",
                                List.of(), List.of(), true, false);
                        extraArgs.add("--web.enable-remote-write-receiver");
                    }
                }
                default -> throw new IllegalStateException(topology.name());
            }
            List<String> args = new ArrayList<>(List.of("--config.file=" + home.resolve("prometheus.yml"),
                    (memberRole == Member.Role.AGENT ? "--storage.agent.path=" : "--storage.tsdb.path=") + home.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + entry.getValue(), "--web.enable-lifecycle",
                    "--enable-feature=expand-external-labels" + (memberRole == Member.Role.AGENT ? ",agent" : ""),
                    "--log.level=info"));
            if (memberRole != Member.Role.AGENT) {
                // Agents evaluate no rules: Prometheus refuses the flag in agent mode.
                args.add("--rules.alert.resend-delay=5s");
            }
            extraArgs.stream().filter(a -> !a.equals("--enable-feature=agent")).forEach(args::add);
            Map<String, String> files = new LinkedHashMap<>();
            files.put("prometheus.yml", StaticConfigs.prometheus(p, role));
            members.add(new Member(name, Program.PROMETHEUS, group, memberRole, entry.getValue(), 0, args, Map.of("POD_NAME", name), files));
        }
        for (int i = 0; i < peers; i++) {
            String name = "alertmanager-" + i;
            Path home = dir.resolve(name);
            List<String> args = new ArrayList<>(List.of("--config.file=" + home.resolve("alertmanager.yml"), "--storage.path=" + home.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + amPorts.get(i), "--cluster.listen-address=127.0.0.1:" + amCluster.get(i),
                    "--cluster.advertise-address=127.0.0.1:" + amCluster.get(i), "--log.level=info"));
            for (int j = 0; j < peers; j++) {
                if (j != i) {
                    args.add("--cluster.peer=127.0.0.1:" + amCluster.get(j));
                }
            }
            members.add(new Member(name, Program.ALERTMANAGER, "", Member.Role.ALERTMANAGER, amPorts.get(i), amCluster.get(i), args, Map.of(),
                    Map.of("alertmanager.yml", amConfig)));
        }
        for (int i = 0; i < exporters; i++) {
            String name = "node-exporter-" + i;
            Path home = dir.resolve(name);
            members.add(new Member(name, Program.NODE_EXPORTER, "", Member.Role.NODE_EXPORTER, exporterPorts.get(i), 0,
                    List.of("--web.listen-address=127.0.0.1:" + exporterPorts.get(i), "--collector.disable-defaults", "--collector.cpu",
                            "--collector.meminfo", "--collector.loadavg", "--collector.time", "--collector.textfile",
                            "--collector.textfile.directory=" + home.resolve("textfile")), Map.of(), Map.of()));
        }
        if (influx > 0) {
            Path home = dir.resolve("influxdb-0");
            String conf = """
                    reporting-disabled = true
                    bind-address = "127.0.0.1:%d"
                    [meta]
                      dir = "%s"
                    [data]
                      dir = "%s"
                      wal-dir = "%s"
                    [http]
                      bind-address = "127.0.0.1:%d"
                      log-enabled = false
                    """.formatted(influxRpc, home.resolve("meta"), home.resolve("data"), home.resolve("wal"), influx);
            members.add(new Member("influxdb-0", Program.INFLUXDB, "", Member.Role.INFLUXDB, influx, influxRpc,
                    List.of("-config", home.resolve("influxdb.conf").toString()), Map.of(), Map.of("influxdb.conf", conf)));
        }
        return new SandboxPlan(topology, dir, receiver, p, members);
    }

    /**
     * The renderer's parameters of a local stack: short intervals so an operator sees effects in seconds, the console's
     * receiver as the webhook, static targets, the rules in the stack's folder.
     */
    static StackParameters parameters(Path dir, int receiver, List<String> prometheus, List<String> alertmanagers) {
        Path rulesDir = dir.resolve("rules");
        return StackParameters.defaults("sandbox").with(Map.of(
                "cluster", "sandbox",
                "scrapeInterval", "5s",
                "evaluationInterval", "5s",
                "groupWait", "5s",
                "groupInterval", "30s",
                "repeatInterval", "4h",
                "webhookUrl", "http://127.0.0.1:" + receiver + HOOK,
                "targets", new StackParameters.Targets(StackParameters.Targets.Mode.STATIC, prometheus, alertmanagers,
                        List.of(rulesDir.resolve("stack-rules.yml").toString(), rulesDir.resolve("sandbox-rules.yml").toString()))));
    }

    /** The plan of a stack that was started earlier, as its state file recorded it. */
    static SandboxPlan restore(SandboxState state) {
        Path dir = Path.of(state.dir());
        List<String> prometheus = state.members().stream().filter(m -> m.program() == Program.PROMETHEUS).map(Member::address).toList();
        List<String> alertmanagers = state.members().stream().filter(m -> m.program() == Program.ALERTMANAGER).map(Member::address).toList();
        return new SandboxPlan(state.topology(), dir, state.receiverPort(), parameters(dir, state.receiverPort(), prometheus, alertmanagers),
                state.members());
    }

    /** The targets of an HA pair: the members whose names start with {@code prefix}. */
    private static List<String> pair(Map<String, Integer> prometheus, String prefix) {
        return prometheus.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> "127.0.0.1:" + e.getValue()).toList();
    }

    /** The stack's rule files: the cluster install's own, and the local stack's Watchdog. */
    public Map<String, String> rules() {
        return Map.of("stack-rules.yml", StaticConfigs.stackRules(parameters), "sandbox-rules.yml", RULES);
    }

    /** Ports handed out once each, so two members never get the same. */
    private static final class Ports {
        private final java.util.Set<Integer> used = new java.util.HashSet<>();

        int tcp() {
            for (int attempt = 0; attempt < 50; attempt++) {
                int port = FreePorts.tcp();
                if (used.add(port)) {
                    return port;
                }
            }
            throw new IllegalStateException("no free port");
        }

        int tcpAndUdp() {
            for (int attempt = 0; attempt < 50; attempt++) {
                int port = FreePorts.tcpAndUdp();
                if (used.add(port)) {
                    return port;
                }
            }
            throw new IllegalStateException("no free port");
        }
    }
}
