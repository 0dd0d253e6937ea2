package dev.vigil.diagnostics.rest;

import dev.vigil.diagnostics.MockClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(MockClusterResource.class)
class InventoryResourceTest {

    @Test
    void inventoryListsLinuxAndWindowsNodesWithTheirTaints() {
        given().get("/diagnostics/inventory").then().statusCode(200)
                .body("nodes.name", containsInAnyOrder("linux-1", "linux-2", "win-1", "win-2"))
                .body("nodes.find { it.name == 'win-1' }.os", is("windows"))
                .body("nodes.find { it.name == 'win-1' }.taints", hasItem("os=windows:NoSchedule"))
                .body("nodes.find { it.name == 'linux-1' }.kernelVersion", is("5.15.0-105-generic"));
    }

    @Test
    void inventorySummarisesWorkloadsWithTheirOsSelectors() {
        given().get("/diagnostics/inventory").then().statusCode(200)
                .body("workloads.find { it.name == 'node-agent' }.kind", is("DaemonSet"))
                .body("workloads.find { it.name == 'node-agent' }.osSelector", empty())
                .body("workloads.find { it.name == 'node-agent' }.tolerations", contains("*:*"))
                .body("workloads.find { it.name == 'web' }.osSelector", contains("linux"))
                .body("workloads.find { it.name == 'web' }.desired", is(2));
    }

    @Test
    void inventoryListsPodsWithWaitingReasonsAndOnlyWarningEvents() {
        given().get("/diagnostics/inventory").then().statusCode(200)
                .body("pods.byPhase.Pending", is(1))
                .body("podList.find { it.name == 'web-win-7c9f' }.node", is("win-1"))
                .body("podList.find { it.name == 'web-win-7c9f' }.reasons", contains("web: ImagePullBackOff"))
                .body("podList.find { it.name == 'coredns-5d78c9869d-x2x7q' }.reasons", contains("coredns: CrashLoopBackOff"))
                .body("warningEvents.reason", contains("BackOff"))
                .body("warningEvents[0].object", is("Pod/coredns-5d78c9869d-x2x7q"))
                .body("warningEvents[0].count", is(40));
    }
}
