module playbook/snippets

go 1.27
